// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/notify"
)

// ICSWriter returns what EventsICS does for a server with these settings,
// for commands that send mail without serving (nordcal mail send-due).
func ICSWriter(d Deps) func(lang.Code, []calendar.Event) ([]byte, error) {
	return (&Server{Deps: d}).EventsICS
}

// EventsICS writes evs as one VCALENDAR in l, exactly as the feeds write
// them (same UID, SEQUENCE, METHOD:PUBLISH), for mail attachments.
func (s *Server) EventsICS(l lang.Code, evs []calendar.Event) ([]byte, error) {
	loc := s.Bundle.For(l)
	var buf bytes.Buffer
	err := feed.Write(&buf, s.feedCalendar(loc, loc.T("feed.name_all"), "", s.abs("/"+string(l)+"/subscribe")), evs)
	return buf.Bytes(), err
}

type emailSubscribePage struct {
	Page
	Summary string
	// Action and Back carry the filters in their query.
	Action, Back string
	Email        string
	Sent         bool
	Error        string
	Fields       FormErrors
}

// emailSubscribeForm asks for the address to send the filtered events to.
func (s *Server) emailSubscribeForm(c echo.Context) error {
	return s.renderEmailSubscribe(c, http.StatusOK, "", "", nil)
}

func (s *Server) renderEmailSubscribe(c echo.Context, code int, email, msg string, fe FormErrors) error {
	f, err := filterFrom(c)
	if err != nil {
		return err
	}
	l := s.Bundle.For(langOf(c))
	opts, err := s.filterOptions(c, l, f)
	if err != nil {
		return err
	}
	p := emailSubscribePage{Page: s.page(c, "subscription.title"), Summary: filterDescription(l, f, opts),
		Action: "/" + string(l.Lang) + "/subscribe/email", Back: "/" + string(l.Lang) + "/subscribe",
		Email: email, Sent: c.QueryParam("sent") == "1", Error: msg, Fields: fe}
	if q := f.Values().Encode(); q != "" {
		p.Action += "?" + q
		p.Back += "?" + q
	}
	p.NoIndex = true
	p.Nav = "subscribe"
	p.CSRF, _ = c.Get(ctxCSRF).(string)
	return s.render(c, code, "subscription_new.html", p)
}

// emailSubscribe sends the confirmation mail. The answer is the same for
// any valid address, known or not.
func (s *Server) emailSubscribe(c echo.Context) error {
	start := time.Now()
	f, err := filterFrom(c)
	if err != nil {
		return err
	}
	back := "/" + string(langOf(c)) + "/subscribe/email?" + withSent(f.Values())
	if c.FormValue("homepage") != "" {
		return c.Redirect(http.StatusSeeOther, back)
	}
	l := s.Bundle.For(langOf(c))
	email := strings.TrimSpace(c.FormValue("email"))
	if len(email) > 254 || !calendar.ValidEmail(email) {
		msg := "validation.email"
		if email == "" {
			msg = "validation.required"
		}
		return s.renderEmailSubscribe(c, http.StatusBadRequest, email, l.T("validation.failed"), FormErrors{"email": l.T(msg)})
	}
	opts, err := s.filterOptions(c, l, f)
	if err != nil {
		return err
	}
	summary := filterDescription(l, f, opts)
	if summary == "" {
		summary = l.T("subscription.all_events")
	}
	if err := s.Subscriptions.Subscribe(c.Request().Context(), email, f, summary, langOf(c)); err != nil {
		return err
	}
	if d := recoverMinDuration - time.Since(start); d > 0 {
		time.Sleep(d)
	}
	return c.Redirect(http.StatusSeeOther, back)
}

func withSent(v url.Values) string {
	v.Set("sent", "1")
	return v.Encode()
}

type subscriptionPage struct {
	Page
	Sub          notify.Subscription
	Confirmed    bool
	Unsubscribed bool
	FeedURL      string
	Action       string
}

// subscriptionPage is the subscription's private page: confirm, see what
// it sends, unsubscribe.
func (s *Server) subscriptionPage(c echo.Context) error {
	sub, err := s.Subscriptions.ByToken(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	q, _ := url.ParseQuery(sub.Filter)
	f, _ := calendar.FilterFromQuery(q)
	p := subscriptionPage{Page: s.page(c, "subscription.page.title"), Sub: sub, Confirmed: c.QueryParam("confirmed") == "1",
		FeedURL: s.abs(feedPath(f, langOf(c))), Action: "/" + string(langOf(c)) + "/subscriptions/" + sub.Token}
	p.NoIndex = true
	p.Canonical = ""
	p.CSRF, _ = c.Get(ctxCSRF).(string)
	return s.render(c, http.StatusOK, "subscription.html", p)
}

// confirmSubscription confirms from the private page: a button, not the
// link itself, because mail scanners open links.
func (s *Server) confirmSubscription(c echo.Context) error {
	if err := s.Subscriptions.Confirm(c.Request().Context(), c.Param("token")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/"+string(langOf(c))+"/subscriptions/"+c.Param("token")+"?confirmed=1")
}

// unsubscribe deletes the subscription from its private page.
func (s *Server) unsubscribe(c echo.Context) error {
	if err := s.Subscriptions.Unsubscribe(c.Request().Context(), c.Param("token")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/"+string(langOf(c))+"/subscribe/email/unsubscribed")
}

// unsubscribeOneClick is RFC 8058's one-click unsubscription: the mail
// provider POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe
// address, without a page and so without a CSRF token; the 256-bit token
// in the path is the authority, and the action only deletes.
func (s *Server) unsubscribeOneClick(c echo.Context) error {
	if err := s.Subscriptions.Unsubscribe(c.Request().Context(), c.Param("token")); err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	return c.NoContent(http.StatusOK)
}

// unsubscribed confirms an unsubscription.
func (s *Server) unsubscribed(c echo.Context) error {
	p := s.page(c, "subscription.unsubscribed.title")
	p.NoIndex = true
	return s.render(c, http.StatusOK, "subscription_gone.html", p)
}

// withSubscriptions answers 404 on the routes of e-mail subscriptions when
// the server runs without them.
func (s *Server) withSubscriptions(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.Subscriptions == nil {
			return errNotFound
		}
		return next(c)
	}
}
