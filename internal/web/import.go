// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/fetch"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/icsimport"
	"github.com/nordcal/nordcal/internal/lang"
)

// maxImportBytes caps an uploaded or fetched calendar file.
const maxImportBytes = 1 << 20

// importPage is the data of the import form (public and secretariat).
type importPage struct {
	Page
	Form     EventForm
	URL      string
	TextLang lang.Code
	Options  FormOptions
	Fields   FormErrors
	Error    string
	Problems []string
	Done     []ImportedView
	Updated  int
	// Unchanged counts known events the file said nothing new about.
	Unchanged int
	Action    string
	Public    bool
	// OptionSets names the select lists the template ranges over.
	OptionSets map[string][]Option
}

// ImportedView is one imported event on the result page.
type ImportedView struct {
	Event   EventView
	Updated bool
	Link    string
}

func (s *Server) importForm(c echo.Context) error {
	f := EventForm{Category: string(calendar.Meeting), Attendance: string(calendar.OnSite), Audience: string(calendar.Open)}
	return s.renderImport(c, http.StatusOK, importPage{Form: f, TextLang: langOf(c)})
}

func (s *Server) renderImport(c echo.Context, code int, p importPage) error {
	public := !isAdminPath(c)
	base := s.page(c, "import.title")
	if !public {
		base = s.adminPage(c, "import.title")
	}
	base.CSRF, _ = c.Get(ctxCSRF).(string)
	base.NoIndex = true
	p.Page, p.Public = base, public
	p.Action = "/" + string(langOf(c)) + "/events/import"
	if !public {
		p.Action = "/admin/import"
	}
	opts, err := s.formOptions(c.Request().Context(), p.L, p.Form)
	if err != nil {
		return err
	}
	p.Options = opts
	p.OptionSets = map[string][]Option{"category": opts.Categories, "attendance": opts.Attendances, "audience": opts.Audiences}
	return s.render(c, code, "import.html", p)
}

func isAdminPath(c echo.Context) bool {
	p := c.Request().URL.Path
	return len(p) >= 6 && p[:6] == "/admin"
}

// importEvents reads the file or URL, parses it and imports the events,
// all or nothing.
func (s *Server) importEvents(c echo.Context) error {
	ctx := c.Request().Context()
	l := langOf(c)
	loc := s.Bundle.For(l)
	public := !isAdminPath(c)
	if public && c.FormValue("homepage") != "" {
		return apperr.New(apperr.Invalid, "register.honeypot")
	}
	f := parseEventForm(c)
	p := importPage{Form: f, URL: formValue(c, "url"), TextLang: l}
	if tl, ok := lang.Parse(c.FormValue("text_lang")); ok {
		p.TextLang = tl
	}
	fail := func(code int, msgID string, fe FormErrors) error {
		p.Error, p.Fields = loc.T(msgID), fe
		return s.renderImport(c, code, p)
	}
	// The defaults are checked like an event's fields, on a stand-in.
	f.StartDate, f.EndDate, f.AllDay = "2030-01-01", "2030-01-01", true
	f.Titles = map[lang.Code]string{p.TextLang: "-"}
	defaults, fe := f.event(p.TextLang)
	if len(fe) > 0 {
		return fail(http.StatusBadRequest, "validation.failed", s.localizeFields(loc, fe))
	}
	data, err := s.importSource(c, p.URL)
	if err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			return fail(http.StatusBadRequest, ae.MsgID, nil)
		}
		return err
	}
	items, err := icsimport.Parse(bytes.NewReader(data), icsimport.Options{Lang: p.TextLang, Zone: defaults.Zone,
		Now: s.Calendar.Now(), MaxEvents: calendar.MaxImportEvents, UnknownZonesAsZone: f.Zone != "", Own: s.ownFeeds})
	if err != nil {
		var ie *icsimport.Error
		if !errors.As(err, &ie) {
			return err
		}
		// What is wrong with the file is said next to the field it came
		// from.
		source := "file"
		if p.URL != "" {
			source = "url"
		}
		return fail(http.StatusBadRequest, "validation.failed", FormErrors{source: loc.T(ie.MsgID, argsKV(loc, withLine(ie.Args, ie.Line))...)})
	}
	req := calendar.ImportRequest{Defaults: defaults}
	if public {
		req.Submitter = f.submission(l)
		req.Submitter.ProposedOrg = calendar.ProposedOrganisation{}
		req.Submitter.Addr = clientNetwork(c)
	} else {
		req.Actor = actorOf(c)
		req.Reconcile = feed.Reconcile
	}
	for _, it := range items {
		req.Drafts = append(req.Drafts, calendar.ImportDraft{Line: it.Line, Event: it.Event})
	}
	done, err := s.Calendar.Import(ctx, req)
	if err != nil {
		var ie *calendar.ImportError
		if errors.As(err, &ie) {
			for _, pr := range ie.Problems {
				p.Problems = append(p.Problems, problemText(loc, pr))
			}
			return fail(http.StatusBadRequest, "import.failed", nil)
		}
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		p.Error, p.Fields = msg, fields
		return s.renderImport(c, code, p)
	}
	var links []manageLink
	for _, d := range done {
		v := ImportedView{Event: eventView(loc, d.Event, s.viewerZone(c)), Updated: d.Updated}
		if d.Token != "" && public {
			v.Link = s.absURL("/" + string(l) + "/manage/" + d.Token)
			links = append(links, manageLink{Event: d.Event, Token: d.Token})
		}
		switch {
		case d.Updated:
			p.Updated++
		case d.Unchanged:
			p.Unchanged++
		}
		p.Done = append(p.Done, v)
	}
	if len(links) > 0 {
		s.mailManageLinks(ctx, req.Submitter, links)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.renderImport(c, http.StatusOK, p)
}

func withLine(args map[string]any, line int) map[string]any {
	out := map[string]any{"Line": line}
	for k, v := range args {
		out[k] = v
	}
	return out
}

// problemText localizes one refused draft: "Line 12: Title: This field is required."
func problemText(l *i18n.Localizer, p calendar.ImportProblem) string {
	msg := l.T(p.MsgID, "Line", p.Line, "Max", l.Number(calendar.MaxImportEvents))
	if p.Field != "" && p.Field != "uid" {
		msg = l.T("field."+fieldBase(p.Field)) + ": " + msg
	}
	if p.MsgID == "import.error.uid_taken" || p.Line == 0 {
		return msg
	}
	return l.T("import.error.event", "Line", p.Line, "Problem", msg)
}

// importSource returns the uploaded file or the content at rawURL.
func (s *Server) importSource(c echo.Context, rawURL string) ([]byte, error) {
	fh, ferr := c.FormFile("file")
	hasFile := ferr == nil && fh.Size > 0
	if hasFile == (rawURL != "") {
		return nil, apperr.New(apperr.Invalid, "import.error.source")
	}
	if hasFile {
		if fh.Size > maxImportBytes {
			return nil, apperr.New(apperr.Invalid, "import.error.too_large")
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return io.ReadAll(io.LimitReader(f, maxImportBytes))
	}
	// The public form never reaches what the operator allowed for the
	// secretariat (NORDCAL_FETCH_ALLOW): anyone could otherwise read an
	// intranet calendar through the import's result page.
	f := s.publicFetcher
	if isAdminPath(c) {
		f = s.Fetcher
	}
	return s.fetchCalendar(c.Request().Context(), f, rawURL)
}

// fetchCalendar gets a calendar with f (see package fetch: https, the
// address rules, 15 s, maxImportBytes).
func (s *Server) fetchCalendar(ctx context.Context, f *fetch.Fetcher, rawURL string) ([]byte, error) {
	if _, err := fetch.NormalizeURL(rawURL); err != nil {
		return nil, apperr.New(apperr.Invalid, "import.error.https")
	}
	res, err := f.Get(ctx, fetch.Request{URL: rawURL})
	if err != nil {
		var fe *fetch.Error
		if errors.As(err, &fe) && fe.Reason == fetch.ReasonTooLarge {
			return nil, apperr.New(apperr.Invalid, "import.error.too_large")
		}
		if s.Log != nil {
			s.Log.Info("calendar fetch failed", "error", err.Error())
		}
		return nil, apperr.New(apperr.Invalid, "import.error.fetch")
	}
	return res.Body, nil
}
