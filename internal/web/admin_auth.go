// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html/template"
	"image/png"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/mail"
)

// FormErrors maps field names to localized messages for re-rendered forms.
type FormErrors map[string]string

// fieldErrors localizes the field messages of an Invalid error, or returns
// nil when err is not one (the caller then returns err).
func (s *Server) fieldErrors(c echo.Context, err error) (string, FormErrors) {
	var ae *apperr.Error
	if !errors.As(err, &ae) || (ae.Kind != apperr.Invalid && ae.Kind != apperr.Conflict &&
		ae.Kind != apperr.Unauthorized && ae.Kind != apperr.RateLimited) {
		return "", nil
	}
	l := s.Bundle.For(langOf(c))
	fe := FormErrors{}
	for f, m := range ae.Fields {
		fe[f] = l.T(m)
	}
	return l.T(ae.MsgID), fe
}

type loginPage struct {
	Page
	Email     string
	Next      string
	NeedsCode bool
	Error     string
	SignedOut bool
}

// loginForm is the sign-in form's input.
type loginForm struct {
	Email, Password, Code, Next string
}

func parseLogin(c echo.Context) loginForm {
	return loginForm{
		Email:    strings.TrimSpace(c.FormValue("email")),
		Password: c.FormValue("password"),
		Code:     strings.TrimSpace(c.FormValue("code")),
		Next:     localNext(c.FormValue("next")),
	}
}

func (s *Server) loginForm(c echo.Context) error {
	p := loginPage{Page: s.adminPage(c, "admin.login.title"), Next: localNext(c.QueryParam("next")),
		SignedOut: c.QueryParam("signed_out") == "1"}
	return s.render(c, http.StatusOK, "admin_login.html", p)
}

func (s *Server) login(c echo.Context) error {
	f := parseLogin(c)
	ctx := c.Request().Context()
	u, err := s.Auth.Authenticate(ctx, f.Email, f.Password, f.Code, c.RealIP())
	if err != nil {
		setRetryAfter(c, err)
		msg, _ := s.fieldErrors(c, err)
		if msg == "" {
			return err
		}
		var ae *apperr.Error
		errors.As(err, &ae)
		if s.Log != nil {
			s.Log.Info("sign-in refused", "reason", ae.MsgID)
		}
		p := loginPage{Page: s.adminPage(c, "admin.login.title"), Email: f.Email, Next: f.Next, Error: msg,
			NeedsCode: ae.MsgID == "auth.login.code_needed" || f.Code != ""}
		return s.render(c, statusOf(ae.Kind), "admin_login.html", p)
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessUserID, u.ID)
	s.sessions.Put(ctx, sessAuthAt, s.Auth.Now().UnixMicro())
	if s.Log != nil {
		s.Log.Info("signed in", "user", u.ID)
	}
	return c.Redirect(http.StatusSeeOther, f.Next)
}

func (s *Server) logout(c echo.Context) error {
	if err := s.sessions.Destroy(c.Request().Context()); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/login?signed_out=1")
}

type dashboardPage struct {
	Page
	User auth.User
	// Pending is how many registrations await moderation; at Ceiling new
	// public ones are asked to wait.
	Pending, Ceiling int
	// Mail is the outgoing mail queue (nil without one); MailErrorAt the
	// time of its last error, formatted; Notify the account's choice of
	// notifications ("" without the settings page).
	Mail        *mail.Stats
	MailErrorAt string
	Notify      string
	// Synced is what the partner calendars' syncs ask; Clashes the
	// serious clashes among it, said in words.
	Synced  []LinkView
	Clashes []LinkView
}

func (s *Server) dashboard(c echo.Context) error {
	pending, err := s.Calendar.PendingCount(c.Request().Context())
	if err != nil {
		return err
	}
	p := dashboardPage{Page: s.adminPage(c, "admin.home.title"), User: userOf(c), Pending: pending,
		Ceiling: s.Calendar.PendingCeiling()}
	ctx := c.Request().Context()
	if s.MailStats != nil {
		st, err := s.MailStats(ctx)
		if err != nil {
			return err
		}
		p.Mail = &st
		if st.LastError != "" {
			p.MailErrorAt = auditTime(p.L, s.viewerZone(c), st.LastErrorAt)
		}
	}
	if p.Synced, err = s.openLinks(c, p.L); err != nil {
		return err
	}
	for _, v := range p.Synced {
		if v.Clash != "" {
			p.Clashes = append(p.Clashes, v)
		}
	}
	if s.Notify != nil && s.Notify.Staff != nil {
		st, err := s.Notify.Settings(ctx, userOf(c).ID)
		if err != nil {
			return err
		}
		p.Notify = p.L.T("admin.settings.mode." + string(st.Mode))
	}
	return s.render(c, http.StatusOK, "admin_home.html", p)
}

type passwordPage struct {
	Page
	Error  string
	Fields FormErrors
}

func (s *Server) passwordForm(c echo.Context) error {
	return s.render(c, http.StatusOK, "admin_password.html", passwordPage{Page: s.adminPage(c, "admin.password.title")})
}

// changePassword replaces the user's own password; every other session of
// the account ends, this one is renewed.
func (s *Server) changePassword(c echo.Context) error {
	ctx := c.Request().Context()
	u := userOf(c)
	if c.FormValue("new_password") != c.FormValue("confirm_password") {
		p := passwordPage{Page: s.adminPage(c, "admin.password.title"), Error: s.Bundle.For(langOf(c)).T("validation.failed"),
			Fields: FormErrors{"confirm_password": s.Bundle.For(langOf(c)).T("auth.password.mismatch")}}
		return s.render(c, http.StatusBadRequest, "admin_password.html", p)
	}
	nu, err := s.Auth.ChangePassword(ctx, u.ID, c.FormValue("current_password"), c.FormValue("new_password"))
	if err != nil {
		if apperr.Is(err, apperr.Unauthorized) {
			return s.endSessionAfterReauth(c, err)
		}
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		setRetryAfter(c, err)
		p := passwordPage{Page: s.adminPage(c, "admin.password.title"), Error: msg, Fields: fe}
		return s.render(c, formStatus(err), "admin_password.html", p)
	}
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessAuthAt, nu.PasswordChangedAt.UnixMicro())
	s.flash(c, "admin.password.changed")
	return c.Redirect(http.StatusSeeOther, "/admin/")
}

type securityPage struct {
	Page
	Enabled bool
	// NoKey is set when second factors cannot be turned on because the
	// server has no key to encrypt their secrets with.
	NoKey  bool
	Secret string
	URI    string
	QR     template.URL
	Error  string
	Fields FormErrors
}

// security shows the second-factor settings; when it is off, it offers a
// new secret (kept in the session until a code confirms it).
func (s *Server) security(c echo.Context) error {
	return s.renderSecurity(c, http.StatusOK, "", nil)
}

func (s *Server) renderSecurity(c echo.Context, code int, msg string, fe FormErrors) error {
	ctx := c.Request().Context()
	u := userOf(c)
	p := securityPage{Page: s.adminPage(c, "admin.security.title"), Enabled: u.TOTPSecret != "", Error: msg, Fields: fe}
	p.NoKey = !p.Enabled && !s.Auth.CanEnableTOTP()
	if !p.Enabled && !p.NoKey {
		key, err := s.Auth.NewTOTP(u, "nordcal "+s.BaseURL.Hostname())
		if err != nil {
			return apperr.Wrap(err)
		}
		s.sessions.Put(ctx, sessTOTPNext, key.Secret())
		p.Secret, p.URI = key.Secret(), key.URL()
		if img, err := key.Image(200, 200); err == nil {
			var buf bytes.Buffer
			if png.Encode(&buf, img) == nil {
				// Generated here from our own bytes, so marking it safe is sound;
				// html/template would otherwise refuse a data: URL.
				p.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())) //nolint:gosec

			}
		}
	}
	return s.render(c, code, "admin_security.html", p)
}

func (s *Server) enableTOTP(c echo.Context) error {
	ctx := c.Request().Context()
	secret := s.sessions.GetString(ctx, sessTOTPNext)
	if secret == "" {
		return c.Redirect(http.StatusSeeOther, "/admin/security")
	}
	if _, err := s.Auth.EnableTOTP(ctx, userOf(c).ID, secret, c.FormValue("code")); err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		return s.renderSecurity(c, http.StatusBadRequest, msg, fe)
	}
	s.sessions.Remove(ctx, sessTOTPNext)
	s.flash(c, "admin.security.enabled")
	return c.Redirect(http.StatusSeeOther, "/admin/security")
}

// disableTOTP turns the second factor off after the current password is
// given again (ASVS 3.7.1).
func (s *Server) disableTOTP(c echo.Context) error {
	ctx := c.Request().Context()
	u := userOf(c)
	if _, err := s.Auth.VerifyPassword(ctx, u.ID, c.FormValue("current_password")); err != nil {
		if apperr.Is(err, apperr.Unauthorized) {
			return s.endSessionAfterReauth(c, err)
		}
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		setRetryAfter(c, err)
		return s.renderSecurity(c, formStatus(err), msg, fe)
	}
	if _, err := s.Auth.DisableTOTP(ctx, actorOf(c), u.ID); err != nil {
		return err
	}
	s.flash(c, "admin.security.disabled")
	return c.Redirect(http.StatusSeeOther, "/admin/security")
}

// formStatus is the status of a re-rendered form: 400 for wrong input,
// 429 when the server asks the user to wait.
func formStatus(err error) int {
	if k := apperr.KindOf(err); k == apperr.RateLimited {
		return statusOf(k)
	}
	return http.StatusBadRequest
}

// endSessionAfterReauth ends the session after too many wrong current
// passwords (whoever holds it may not know the password) and shows the
// sign-in page with the reason.
func (s *Server) endSessionAfterReauth(c echo.Context, err error) error {
	ctx := c.Request().Context()
	if derr := s.sessions.Destroy(ctx); derr != nil {
		return derr
	}
	if s.Log != nil {
		s.Log.Warn("session ended after failed re-authentication", "user", userOf(c).ID)
	}
	msg, _ := s.fieldErrors(c, err)
	c.Set(ctxUser, nil)
	p := loginPage{Page: s.adminPage(c, "admin.login.title"), Error: msg}
	return s.render(c, http.StatusUnauthorized, "admin_login.html", p)
}
