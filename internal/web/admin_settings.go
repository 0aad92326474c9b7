// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/notify"
)

type settingsPage struct {
	Page
	Email  string
	Mode   notify.Mode
	Modes  []notify.Mode
	Error  string
	Fields FormErrors
}

// settings shows the account's notification choice.
func (s *Server) settings(c echo.Context) error {
	st, err := s.Notify.Settings(c.Request().Context(), userOf(c).ID)
	if err != nil {
		return err
	}
	return s.renderSettings(c, http.StatusOK, st.Mode, "", nil)
}

func (s *Server) renderSettings(c echo.Context, code int, mode notify.Mode, msg string, fe FormErrors) error {
	p := settingsPage{Page: s.adminPage(c, "admin.settings.title"), Email: userOf(c).Email, Mode: mode, Modes: notify.Modes,
		Error: msg, Fields: fe}
	return s.render(c, code, "admin_settings.html", p)
}

// saveSettings stores the choice, with the language of the page as the
// language of the account's mails.
func (s *Server) saveSettings(c echo.Context) error {
	mode := c.FormValue("mode")
	if err := s.Notify.SaveSettings(c.Request().Context(), userOf(c).ID, mode, langOf(c)); err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		return s.renderSettings(c, http.StatusBadRequest, notify.None, msg, fe)
	}
	s.flash(c, "admin.settings.saved")
	return c.Redirect(http.StatusSeeOther, "/admin/settings")
}

// withStaffNotices answers 404 on the notification settings when the
// server runs without staff notices.
func (s *Server) withStaffNotices(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.Notify == nil || s.Notify.Staff == nil {
			return errNotFound
		}
		return next(c)
	}
}
