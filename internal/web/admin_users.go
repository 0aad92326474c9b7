// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
)

// userForm is the input of the create and edit forms.
type userForm struct {
	Email    string
	Name     string
	Role     string
	Disabled bool
	Password string
	Version  int
}

func parseUserForm(c echo.Context) userForm {
	v, _ := strconv.Atoi(c.FormValue("version"))
	return userForm{Email: strings.TrimSpace(c.FormValue("email")), Name: strings.TrimSpace(c.FormValue("name")),
		Role: c.FormValue("role"), Disabled: c.FormValue("disabled") == "on", Password: c.FormValue("password"), Version: v}
}

type usersPage struct {
	Page
	Users  []auth.User
	Form   userForm
	Roles  []auth.Role
	Error  string
	Fields FormErrors
}

func (s *Server) listUsers(c echo.Context) error {
	return s.renderUsers(c, http.StatusOK, userForm{Role: string(auth.Editor)}, "", nil)
}

func (s *Server) renderUsers(c echo.Context, code int, f userForm, msg string, fe FormErrors) error {
	users, err := s.Auth.Users(c.Request().Context())
	if err != nil {
		return err
	}
	p := usersPage{Page: s.adminPage(c, "admin.users.title"), Users: users, Form: f, Roles: auth.Roles, Error: msg, Fields: fe}
	return s.render(c, code, "admin_users.html", p)
}

func (s *Server) createUser(c echo.Context) error {
	f := parseUserForm(c)
	u := auth.User{Email: f.Email, Name: f.Name, Role: auth.Role(f.Role)}
	if err := s.Auth.Create(c.Request().Context(), actorOf(c), &u, f.Password); err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		if apperr.Is(err, apperr.Conflict) {
			fe["email"] = s.Bundle.For(langOf(c)).T("admin.users.email_taken")
		}
		f.Password = ""
		return s.renderUsers(c, statusOf(apperr.KindOf(err)), f, msg, fe)
	}
	s.flash(c, "admin.users.created")
	return c.Redirect(http.StatusSeeOther, "/admin/users")
}

type userPage struct {
	Page
	User      auth.User
	Form      userForm
	Roles     []auth.Role
	Error     string
	Fields    FormErrors
	Conflict  bool
	Current   auth.User
	NewSecret string
}

func (s *Server) userByParam(c echo.Context) (auth.User, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return auth.User{}, errNotFound
	}
	return s.Auth.User(c.Request().Context(), id)
}

func (s *Server) editUser(c echo.Context) error {
	u, err := s.userByParam(c)
	if err != nil {
		return err
	}
	f := userForm{Email: u.Email, Name: u.Name, Role: string(u.Role), Disabled: u.Disabled, Version: u.Version}
	p := userPage{Page: s.adminPage(c, "admin.user.title", "Email", u.Email), User: u, Form: f, Roles: auth.Roles}
	return s.render(c, http.StatusOK, "admin_user.html", p)
}

// updateUser saves name, role and status. When someone else saved the
// account since the form was opened, the save is refused and the page
// shows both the stored values and what was typed.
func (s *Server) updateUser(c echo.Context) error {
	u, err := s.userByParam(c)
	if err != nil {
		return err
	}
	f := parseUserForm(c)
	next := u
	next.Name, next.Role, next.Disabled, next.Version = f.Name, auth.Role(f.Role), f.Disabled, f.Version
	if err := s.Auth.Update(c.Request().Context(), actorOf(c), &next); err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		f.Email = u.Email
		p := userPage{Page: s.adminPage(c, "admin.user.title", "Email", u.Email), User: u, Form: f, Roles: auth.Roles,
			Error: msg, Fields: fe, Current: u}
		if ae, ok := err.(*apperr.Error); ok && ae.MsgID == "error.conflict.version" {
			p.Conflict = true
			p.Form.Version = u.Version
		}
		return s.render(c, statusOf(apperr.KindOf(err)), "admin_user.html", p)
	}
	s.flash(c, "admin.users.saved")
	return c.Redirect(http.StatusSeeOther, "/admin/users")
}

// resetUserPassword gives the account a new generated password, shown once
// on the answer page (not stored anywhere readable); the account's
// sessions end.
func (s *Server) resetUserPassword(c echo.Context) error {
	u, err := s.userByParam(c)
	if err != nil {
		return err
	}
	pw := auth.GeneratePassword()
	nu, err := s.Auth.SetPassword(c.Request().Context(), actorOf(c), audit.UserPasswordReset, u.ID, pw)
	if err != nil {
		return err
	}
	f := userForm{Email: nu.Email, Name: nu.Name, Role: string(nu.Role), Disabled: nu.Disabled, Version: nu.Version}
	p := userPage{Page: s.adminPage(c, "admin.user.title", "Email", nu.Email), User: nu, Form: f, Roles: auth.Roles, NewSecret: pw}
	return s.render(c, http.StatusOK, "admin_user.html", p)
}

// AuditRow is an audit entry prepared for reading: field names and coded
// values in the reader's language, the time in the reader's zone, and a
// link to the record.
type AuditRow struct {
	audit.Entry
	When      string
	RecordURL string
	Changes   []AuditChange
}

// AuditChange is one changed field, localized.
type AuditChange struct {
	Label, Before, After string
}

// auditLabels names the recorded fields of accounts; events' are named by
// i18n's FieldName, the directory's by field.<name>.
var auditLabels = map[string]string{"email": "admin.field.email", "name": "admin.field.name", "role": "admin.field.role",
	"disabled": "admin.users.status", "second_factor": "admin.users.second_factor", "password": "admin.field.password"}

// auditCodes are the fields whose values are codes with a message each.
var auditCodes = map[string]string{"status": "status.", "country": "country.", "attendance": "attendance.",
	"category": "category.", "audience": "audience.", "topics": "topic.", "role": "role.", "source_trust": "source.trust.",
	"source_events": "source.remove."}

// auditLabel names field in l's language: a title or description in one
// language says which ("Title (Swedish)").
func auditLabel(l *i18n.Localizer, field string) string {
	if id, ok := auditLabels[field]; ok {
		return l.T(id)
	}
	if name, ok := l.FieldName(field); ok {
		return name
	}
	if id := "field." + field; l.T(id) != id {
		return l.T(id)
	}
	return field
}

func auditValue(l *i18n.Localizer, zone *time.Location, field, v string) string {
	if v == "" {
		return ""
	}
	if prefix, ok := auditCodes[field]; ok {
		parts := strings.Split(v, ",")
		for i, p := range parts {
			if t := l.T(prefix + p); t != prefix+p {
				parts[i] = t
			}
		}
		return strings.Join(parts, ", ")
	}
	switch field {
	case "disabled":
		if v == "true" {
			return l.T("admin.users.disabled")
		}
		return l.T("admin.users.active")
	case "second_factor":
		if v == "on" {
			return l.T("admin.users.yes")
		}
		return l.T("admin.users.no")
	case "all_day":
		if v == "true" {
			return l.T("admin.users.yes")
		}
		return l.T("admin.users.no")
	case "languages":
		parts := strings.Split(v, ",")
		for i, p := range parts {
			parts[i] = l.LangName(p)
		}
		return strings.Join(parts, ", ")
	case "start", "end":
		if t, err := time.Parse("2006-01-02T15:04Z", v); err == nil && zone != nil {
			return auditTime(l, zone, t)
		}
	case "registration_deadline":
		if d, err := calendar.ParseDate(v); err == nil {
			return l.Date(d)
		}
	}
	return v
}

// auditTime is an instant in zone, with the zone named.
func auditTime(l *i18n.Localizer, zone *time.Location, t time.Time) string {
	lt := t.In(zone)
	return l.Date(calendar.DateOf(lt)) + " " + l.Time(lt) + " (" + zoneLabel(l, zone, t) + ")"
}

// auditRecordURL links an entry to the record it changed, where the
// secretariat area has a page for it.
func auditRecordURL(e audit.Entry) string {
	switch e.RecordType {
	case "event":
		return fmt.Sprintf("/admin/events/%d", e.RecordID)
	case "user":
		return fmt.Sprintf("/admin/users/%d", e.RecordID)
	case "person":
		return fmt.Sprintf("/admin/directory/people/%d", e.RecordID)
	case "organisation":
		return fmt.Sprintf("/admin/directory/organisations/%d", e.RecordID)
	case "network":
		return fmt.Sprintf("/admin/directory/networks/%d", e.RecordID)
	case "document":
		return fmt.Sprintf("/admin/directory/documents/%d", e.RecordID)
	case "protected_date":
		return "/admin/protected"
	case "source":
		return fmt.Sprintf("/admin/sources/%d", e.RecordID)
	case directory.RecordRole:
		return fmt.Sprintf("/admin/directory/roles/%d", e.RecordID)
	}
	return ""
}

// auditRows prepares entries for l's reader in zone (nil: times as
// recorded, for previews that have no time).
func auditRows(l *i18n.Localizer, zone *time.Location, entries []audit.Entry) []AuditRow {
	out := make([]AuditRow, len(entries))
	for i, e := range entries {
		out[i].Entry = e
		if zone != nil && !e.At.IsZero() {
			out[i].When = auditTime(l, zone, e.At)
		}
		if e.RecordID != 0 {
			out[i].RecordURL = auditRecordURL(e)
		}
		for _, c := range e.Changes {
			label := auditLabel(l, c.Field)
			if e.RecordType == directory.RecordPerson || e.RecordType == directory.RecordOrganisation || e.RecordType == directory.RecordRole {
				if name, ok := l.DirFieldName(c.Field); ok {
					label = name
				}
			}
			out[i].Changes = append(out[i].Changes, AuditChange{Label: label,
				Before: auditValue(l, zone, c.Field, c.Before), After: auditValue(l, zone, c.Field, c.After)})
		}
	}
	return out
}

type auditPage struct {
	Page
	Entries []AuditRow
	Total   int
	Actor   string
	Type    string
	From    string
	To      string
	PrevURL string
	NextURL string
}

// auditPerPage is the length of a page of the audit trail.
const auditPerPage = 100

func (s *Server) auditLog(c echo.Context) error {
	f := audit.Filter{Actor: strings.TrimSpace(c.QueryParam("actor")), RecordType: c.QueryParam("type"), Limit: auditPerPage}
	fields := apperr.Fields{}
	if len(f.Actor) > 254 {
		fields.Add("actor", "filter.query_too_long")
	}
	if f.RecordType != "" && f.RecordType != "user" && f.RecordType != "event" && f.RecordType != "protected_date" &&
		f.RecordType != directory.RecordPerson && f.RecordType != directory.RecordOrganisation &&
		f.RecordType != directory.RecordNetwork && f.RecordType != directory.RecordDocument {
		fields.Add("type", "filter.unknown_value")
	}
	for _, p := range []struct {
		name string
		dst  *time.Time
		add  int
	}{{"from", &f.From, 0}, {"to", &f.To, 1}} {
		if v := c.QueryParam(p.name); v != "" {
			d, err := calendar.ParseDate(v)
			if err != nil {
				fields.Add(p.name, "filter.bad_date")
				continue
			}
			*p.dst = d.AddDays(p.add).In(time.UTC)
		}
	}
	page := 1
	if v := c.QueryParam("page"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 100000 {
			page = n
		} else {
			fields.Add("page", "filter.bad_page")
		}
	}
	if err := fields.Err("filter.invalid"); err != nil {
		return err
	}
	f.Offset = (page - 1) * auditPerPage
	entries, total, err := s.Audit.ListAudit(c.Request().Context(), f)
	if err != nil {
		return err
	}
	p := auditPage{Page: s.adminPage(c, "admin.audit.title"), Entries: auditRows(s.Bundle.For(langOf(c)), s.viewerZone(c), entries), Total: total, Actor: f.Actor, Type: f.RecordType,
		From: c.QueryParam("from"), To: c.QueryParam("to")}
	q := c.QueryParams()
	if page > 1 {
		q.Set("page", strconv.Itoa(page-1))
		p.PrevURL = "/admin/audit?" + q.Encode()
	}
	if page*auditPerPage < total {
		q.Set("page", strconv.Itoa(page+1))
		p.NextURL = "/admin/audit?" + q.Encode()
	}
	return s.render(c, http.StatusOK, "admin_audit.html", p)
}
