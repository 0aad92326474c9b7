// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// FormOptions are the choices of the event form.
type FormOptions struct {
	Languages      []lang.Code
	Countries      []Option
	Zones          []string
	Attendances    []Option
	Categories     []Option
	Topics         []Option
	Audiences      []Option
	EventLanguages []Option
	Organisations  []OrgGroup
	Networks       []Option
	Repeat         RepeatOptions
}

// OrgGroup is the organisations of one country, for an optgroup.
type OrgGroup struct {
	Label   string
	Options []Option
}

// formZones are offered in the zone list; any other IANA zone typed by
// hand (or kept from an import) is accepted too.
var formZones = []string{"Europe/Copenhagen", "Europe/Helsinki", "Atlantic/Reykjavik", "Europe/Oslo", "Europe/Stockholm",
	"Europe/Mariehamn", "Atlantic/Faroe", "America/Nuuk", "Europe/Tallinn", "Europe/Riga", "Europe/Vilnius", "Europe/Warsaw",
	"Europe/Berlin", "Europe/Brussels", "Europe/London", "UTC"}

func (s *Server) formOptions(ctx context.Context, l *i18n.Localizer, f EventForm) (FormOptions, error) {
	orgs, err := s.Directory.Organisations(ctx)
	if err != nil {
		return FormOptions{}, err
	}
	nets, err := s.Directory.Networks(ctx)
	if err != nil {
		return FormOptions{}, err
	}
	countries := make([]directory.Country, len(directory.Countries))
	for i, c := range directory.Countries {
		countries[i] = c.Code
	}
	o := FormOptions{
		Languages:   lang.All,
		Countries:   codeOptions(l, "country.", countries, []directory.Country{directory.Country(f.Country)}),
		Zones:       formZones,
		Attendances: codeOptions(l, "attendance.", calendar.Attendances, []calendar.Attendance{calendar.Attendance(f.Attendance)}),
		Categories:  codeOptions(l, "category.", calendar.Categories, []calendar.Category{calendar.Category(f.Category)}),
		Topics:      codeOptions(l, "topic.", calendar.Topics, topicsOf(f.Topics)),
		Audiences:   codeOptions(l, "audience.", calendar.Audiences, []calendar.Audience{calendar.Audience(f.Audience)}),
		Repeat:      repeatOptions(l, f.Repeat),
	}
	for _, code := range calendar.EventLanguages {
		o.EventLanguages = append(o.EventLanguages, Option{Value: code, Label: l.LangName(code), Lang: l.Lang, Selected: f.Has("languages", code)})
	}
	groups := map[directory.Country]*OrgGroup{}
	for _, c := range directory.Countries {
		groups[c.Code] = &OrgGroup{Label: l.T("country." + string(c.Code))}
	}
	for _, org := range orgs {
		n, nl := org.Name(l.Lang)
		if org.Abbreviation != "" {
			n += " (" + org.Abbreviation + ")"
		}
		id := strconv.FormatInt(org.ID, 10)
		// An organisation merged into another is no longer offered, unless
		// the event already names it.
		if org.Status == directory.OrgMerged && f.Organiser != id && !slices.Contains(f.CoOrganisers, id) {
			continue
		}
		if g, ok := groups[org.Country]; ok {
			g.Options = append(g.Options, Option{Value: id, Label: n, Lang: nl, Selected: f.Organiser == id})
		}
	}
	for _, c := range directory.Countries {
		if g := groups[c.Code]; len(g.Options) > 0 {
			sortOptions(l, g.Options)
			o.Organisations = append(o.Organisations, *g)
		}
	}
	for _, net := range nets {
		n, nl := net.Name(l.Lang)
		id := strconv.FormatInt(net.ID, 10)
		// Archived and merged networks take no new events, but an event
		// that names one keeps it when edited.
		if !net.Active() && !f.Has("networks", id) {
			continue
		}
		o.Networks = append(o.Networks, Option{Value: id, Label: n, Lang: nl, Selected: f.Has("networks", id)})
	}
	sortOptions(l, o.Networks)
	return o, nil
}

func topicsOf(vs []string) []calendar.Topic {
	out := make([]calendar.Topic, len(vs))
	for i, v := range vs {
		out[i] = calendar.Topic(v)
	}
	return out
}

// eventFormPage is the data of the registration, manage and edit pages.
type eventFormPage struct {
	Page
	Form    EventForm
	Options FormOptions
	Fields  FormErrors
	Error   string
	Report  *ReportView
	Action  string
	// Public marks the public registration form (honeypot, submitter fields).
	Public bool
	// Manage carries the manage page's own data.
	Manage *manageView
	// Series previews the dates of the series the form describes.
	Series *SeriesView
	// OpenEnded offers series that never end (the secretariat's form).
	OpenEnded bool
	// DateOnly is the form of one date of a series: no Repeats section.
	DateOnly bool
}

// newEventForm shows the empty registration form.
func (s *Server) newEventForm(c echo.Context) error {
	f := EventForm{Titles: map[lang.Code]string{}, Descriptions: map[lang.Code]string{}, AllDay: true,
		Category: string(calendar.Conference), Attendance: string(calendar.OnSite), Audience: string(calendar.Open),
		Hold: c.QueryParam("hold") == "1", Repeat: newRepeatForm()}
	return s.renderEventForm(c, http.StatusOK, f, nil, "", nil)
}

func (s *Server) renderEventForm(c echo.Context, code int, f EventForm, fe FormErrors, msg string, report *ReportView) error {
	l := s.Bundle.For(langOf(c))
	opts, err := s.formOptions(c.Request().Context(), l, f)
	if err != nil {
		return err
	}
	p := eventFormPage{Page: s.page(c, "register.title"), Form: f, Options: opts, Fields: fe, Error: msg, Report: report,
		Action: "/" + string(langOf(c)) + "/events/new", Public: true, Series: s.formSeries(l, f)}
	p.Nav = "register"
	p.NoIndex = code != http.StatusOK
	p.CSRF, _ = c.Get(ctxCSRF).(string)
	return s.render(c, code, "event_form.html", p)
}

// submitEvent handles the registration form: "check" re-renders with the
// clash report; "submit" stores a pending event and sends the submitter to
// the manage page, whose link is their key.
func (s *Server) submitEvent(c echo.Context) error {
	if c.FormValue("homepage") != "" {
		return apperr.New(apperr.Invalid, "register.honeypot")
	}
	ctx := c.Request().Context()
	l := langOf(c)
	loc := s.Bundle.For(l)
	f := parseEventForm(c)
	e, fe := f.event(l)
	report := s.reportFor(ctx, loc, e, fe, c)
	if c.FormValue("action") == "check" || len(fe) > 0 {
		if len(fe) > 0 && c.FormValue("action") != "check" {
			return s.renderEventForm(c, http.StatusBadRequest, f, s.localizeFields(loc, fe), loc.T("validation.failed"), report)
		}
		return s.renderEventForm(c, http.StatusOK, f, s.localizeFields(loc, fe), "", report)
	}
	sub := f.submission(l)
	sub.Addr = clientNetwork(c)
	receipt, err := s.Calendar.Submit(ctx, &e, &sub)
	if err != nil {
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		return s.renderEventForm(c, code, f, fields, msg, report)
	}
	s.mailManageLinks(ctx, receipt.Submission, []manageLink{{Event: receipt.Event, Token: receipt.Token}})
	return c.Redirect(http.StatusSeeOther, "/"+string(l)+"/manage/"+receipt.Token+"?submitted=1")
}

// reportFor runs the clash check when the dates parsed, for the form.
func (s *Server) reportFor(ctx context.Context, l *i18n.Localizer, e calendar.Event, fe apperr.Fields, c echo.Context) *ReportView {
	if _, bad := fe["start"]; bad {
		return nil
	}
	if _, bad := fe["end"]; bad {
		return nil
	}
	if e.AllDay && (e.StartDate.IsZero() || e.EndDate.Before(e.StartDate)) || !e.AllDay && !e.End.After(e.Start) {
		return nil
	}
	if _, err := calendar.LoadZone(e.Zone); err != nil {
		return nil
	}
	r, err := s.Calendar.Clashes(ctx, e)
	if err != nil {
		if s.Log != nil {
			s.Log.Warn("clash check failed", "error", err.Error())
		}
		return nil
	}
	v := s.reportView(l, r)
	return &v
}

// clientNetwork is the network a public submission comes from, for the cap
// on pending submissions per address: the client's IPv4 address, or the
// /64 of its IPv6 address (one household or office gets a whole /64).
// Behind trusted proxies it is the address they report (see
// Deps.TrustedProxies).
// It is the contact budget's client key (clientKey), written as an IPv4
// address or an IPv6 prefix.
func clientNetwork(c echo.Context) string {
	switch k := clientKey(c.RealIP()); {
	case !k.IsValid():
		return ""
	case k.Addr().Is4():
		return k.Addr().String()
	default:
		return k.String()
	}
}

func (s *Server) localizeFields(l *i18n.Localizer, f apperr.Fields) FormErrors {
	out := FormErrors{}
	for k, v := range f {
		out[k] = l.T(v)
	}
	return out
}

// registrationLimiter allows a few submissions per address and hour, with
// room for an organiser registering a series; a second line behind the
// caps on pending submissions in the store. One limiter serves every
// public form route that writes, and every POST to them counts: whatever
// a form field says, those handlers store.
func registrationLimiter() echo.MiddlewareFunc {
	return limiter(rate.Every(3*time.Minute), 20, "register.rate_limited")
}

// checkLimiter bounds the registration form's date checks, which store
// nothing but run the clash check: generous for someone trying dates, not
// an open door for a script.
func checkLimiter() echo.MiddlewareFunc {
	return limiter(rate.Every(5*time.Second), 60, "register.rate_limited")
}

func limiter(r rate.Limit, burst int, msgID string) echo.MiddlewareFunc {
	return limiterBy(nil, r, burst, msgID)
}

// limiterBy is a limiter of POST requests per identifier (the client's
// address when id is nil).
func limiterBy(id middleware.Extractor, r rate.Limit, burst int, msgID string) echo.MiddlewareFunc {
	if id == nil {
		id = func(c echo.Context) (string, error) { return c.RealIP(), nil }
	}
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Skipper:             func(c echo.Context) bool { return c.Request().Method != http.MethodPost },
		IdentifierExtractor: id,
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: r, Burst: burst, ExpiresIn: time.Hour}),
		DenyHandler: func(echo.Context, string, error) error {
			return apperr.New(apperr.RateLimited, msgID)
		},
		ErrorHandler: func(echo.Context, error) error { return apperr.New(apperr.Forbidden, "error.forbidden") },
	})
}

// checkOrRegister is the registration form's limit: a "check" there is
// answered by submitEvent without storing anything, so it counts against
// check instead of register. Only the route whose handler honours "check"
// may use it.
func checkOrRegister(check, register echo.MiddlewareFunc) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		checked, registered := check(next), register(next)
		return func(c echo.Context) error {
			if c.FormValue("action") == "check" {
				return checked(c)
			}
			return registered(c)
		}
	}
}

// ReportView is a clash report prepared for one reader.
type ReportView struct {
	Clear      bool
	Worst      string
	WorstLabel string
	WorstText  string // "Most serious: serious." in running text
	Summary    string
	Items      []WarningView
	// MorePending says how many events awaiting review clash but are not
	// listed; empty when none.
	MorePending  string
	Alternatives []AlternativeView
	// Series is the check of every date of a series; nil for one event.
	Series *SeriesClashView
}

// WarningView is one warning, most serious first.
type WarningView struct {
	Level      string
	LevelLabel string
	Kind       string
	Title      string
	TitleLang  lang.Code
	URL        string
	When       string
	Reasons    []string
}

// AlternativeView is a suggested free span.
type AlternativeView struct {
	First, Last string
	Label       string
}

// argsKV turns message arguments into key, value pairs, formatting
// quantities (limits, sizes) the way l's language writes numbers; a line
// number stays plain.
func argsKV(l *i18n.Localizer, m map[string]any) []any {
	kv := make([]any, 0, 2*len(m))
	for k, v := range m {
		if n, ok := v.(int); ok && k != "Line" {
			v = l.Number(n)
		}
		kv = append(kv, k, v)
	}
	return kv
}

// reasonText localizes a clash reason; category and country values are
// codes that get their own names first.
func reasonText(l *i18n.Localizer, r calendar.Reason) string {
	args := map[string]any{}
	for k, v := range r.Args {
		args[k] = v
	}
	if c, ok := args["Category"].(string); ok {
		args["Category"] = i18n.Lower(l.T("category." + c))
	}
	if c, ok := args["Country"].(string); ok {
		args["Country"] = l.T("country." + c)
	}
	if n, ok := args["Count"].(int); ok {
		return l.N(r.ID, n, argsKV(l, args)...)
	}
	if n, ok := args["Count"].(float64); ok {
		return l.N(r.ID, int(n), argsKV(l, args)...)
	}
	return l.T(r.ID, argsKV(l, args)...)
}

func (s *Server) reportView(l *i18n.Localizer, r calendar.ClashReport) ReportView {
	v := ReportView{Clear: r.Count() == 0 && r.Series.Worst() == 0, Series: seriesClashView(l, r.Series)}
	if w := r.Worst(); w != 0 {
		v.Worst, v.WorstLabel = w.String(), l.T("clash.level."+w.String())
		v.WorstText = l.T("clash.worst", "Level", i18n.Lower(v.WorstLabel))
	}
	v.Summary = l.N("clash.summary", r.Count())
	for _, f := range r.Findings() {
		switch {
		case f.Protected != nil:
			v.Items = append(v.Items, protectedView(l, f.Protected))
		case f.Clash != nil:
			v.Items = append(v.Items, clashView(l, f.Clash))
		case f.Holiday != nil:
			v.Items = append(v.Items, holidayView(l, f.Holiday))
		}
	}
	if r.MorePending > 0 {
		v.MorePending = l.N("clash.more_pending", r.MorePending)
	}
	for _, a := range r.Alternatives {
		v.Alternatives = append(v.Alternatives, AlternativeView{First: a.First.String(), Last: a.Last.String(), Label: span(l, a.First, a.Last)})
	}
	return v
}

// protectedView, clashView and holidayView prepare one warning each.
func protectedView(l *i18n.Localizer, p *calendar.ProtectedClash) WarningView {
	name, nl := p.Date.Name(l.Lang)
	return WarningView{Level: "high", LevelLabel: l.T("clash.level.high"), Kind: "protected", Title: name,
		TitleLang: nl, When: span(l, p.First, p.Last), Reasons: []string{l.T("clash.reason.protected")}}
}

func clashView(l *i18n.Localizer, c *calendar.Clash) WarningView {
	// Only the title, dates and link of a clashing event are shown:
	// eventView would localise every other field too, twenty times a
	// keystroke.
	e := c.Event
	w := WarningView{Level: c.Level.String(), LevelLabel: l.T("clash.level." + c.Level.String()), Kind: "event",
		When: when(l, e, e.Location()), URL: eventPath(l.Lang, e.ID)}
	w.Title, w.TitleLang = e.Title(l.Lang)
	if !c.Event.IsPublic() {
		w.URL = ""
		w.Title = l.T("clash.pending_event")
		if c.Grouped > 1 {
			w.Title = l.N("clash.pending_events", c.Grouped)
		}
		w.TitleLang = l.Lang
	}
	for _, rs := range c.Reasons {
		w.Reasons = append(w.Reasons, reasonText(l, rs))
	}
	return w
}

func holidayView(l *i18n.Localizer, h *calendar.HolidayClash) WarningView {
	// A day off that is not a holiday by law gets its own sentence, not
	// "public holiday (not a public holiday …)".
	id := "clash.reason.holiday"
	if !h.Official {
		id = "clash.reason.day_off"
	}
	reason := l.T(id, "Country", l.T("country."+string(h.Country)))
	return WarningView{Level: h.Level.String(), LevelLabel: l.T("clash.level." + h.Level.String()),
		Kind: "holiday", Title: l.T(h.NameID), TitleLang: l.Lang, When: l.TextDate(h.Date), Reasons: []string{reason}}
}

// span formats a day or a span of days.
func span(l *i18n.Localizer, first, last calendar.Date) string { return l.DateRange(first, last) }

func (s *Server) absURL(path string) string {
	u := *s.BaseURL
	u.Path = u.Path + path
	return u.String()
}
