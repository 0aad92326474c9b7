// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// EventForm is the input of the event form shared by the public
// registration, the manage link and the secretariat's edit page. Every
// field is kept as typed so that a re-rendered form loses nothing.
type EventForm struct {
	Titles       map[lang.Code]string
	Descriptions map[lang.Code]string
	AllDay       bool
	StartDate    string
	EndDate      string
	StartTime    string
	EndTime      string
	Zone         string
	Venue        string
	Address      string
	City         string
	Country      string
	Attendance   string
	OnlineURL    string
	Category     string
	Topics       []string
	Audience     string
	Languages    []string
	Networks     []string
	// Organiser is the main organiser, listed first and the event's
	// contact; CoOrganisers are the others, in their order.
	Organiser    string
	CoOrganisers []string
	RegURL       string
	RegDeadline  string
	ContactEmail string
	PublicURL    string
	Version      int
	// Submission-only fields.
	Hold           bool
	OrgName        string
	OrgCountry     string
	OrgWebsite     string
	SubmitterName  string
	SubmitterEmail string
	// Confirm turns a tentative hold into a confirmed event (manage link).
	Confirm bool
	// Repeat is the Repeats section.
	Repeat RepeatForm
}

// Limits on raw form values, before the domain's own checks: anything
// longer is cut here so that no parser sees megabytes.
const maxFormValue = calendar.MaxDescription + 100

func formValue(c echo.Context, name string) string {
	v := c.FormValue(name)
	if len(v) > maxFormValue {
		v = v[:maxFormValue]
	}
	return strings.TrimSpace(v)
}

func formValues(c echo.Context, name string) []string {
	if err := c.Request().ParseForm(); err != nil {
		return nil
	}
	vs := c.Request().Form[name]
	if len(vs) > 50 {
		vs = vs[:50]
	}
	return vs
}

// parseEventForm reads the form in one place.
func parseEventForm(c echo.Context) EventForm {
	f := EventForm{Titles: map[lang.Code]string{}, Descriptions: map[lang.Code]string{}}
	for _, l := range lang.All {
		f.Titles[l] = formValue(c, "title_"+string(l))
		f.Descriptions[l] = formValue(c, "description_"+string(l))
	}
	f.AllDay = c.FormValue("all_day") == "on"
	f.StartDate, f.EndDate = formValue(c, "start_date"), formValue(c, "end_date")
	f.StartTime, f.EndTime = formValue(c, "start_time"), formValue(c, "end_time")
	f.Zone, f.Venue, f.Address, f.City = formValue(c, "zone"), formValue(c, "venue"), formValue(c, "address"), formValue(c, "city")
	f.Country, f.Attendance, f.OnlineURL = formValue(c, "country"), formValue(c, "attendance"), formValue(c, "online_url")
	f.Category, f.Audience = formValue(c, "category"), formValue(c, "audience")
	f.Topics, f.Languages, f.Networks = formValues(c, "topics"), formValues(c, "languages"), formValues(c, "networks")
	f.Organiser = formValue(c, "organiser")
	for _, v := range formValues(c, "co_organisers") {
		if v = strings.TrimSpace(v); v != "" {
			f.CoOrganisers = append(f.CoOrganisers, v)
		}
	}
	f.RegURL, f.RegDeadline = formValue(c, "registration_url"), formValue(c, "registration_deadline")
	f.ContactEmail, f.PublicURL = formValue(c, "contact_email"), formValue(c, "public_url")
	f.Version, _ = strconv.Atoi(c.FormValue("version"))
	f.Hold = c.FormValue("hold") == "on"
	f.OrgName, f.OrgCountry, f.OrgWebsite = formValue(c, "org_name"), formValue(c, "org_country"), formValue(c, "org_website")
	f.SubmitterName, f.SubmitterEmail = formValue(c, "submitter_name"), formValue(c, "submitter_email")
	f.Confirm = c.FormValue("confirm") == "on"
	f.Repeat = parseRepeatForm(c)
	return f
}

// formOf fills the form from a stored event, times in the event's zone.
func formOf(e calendar.Event) EventForm {
	f := EventForm{Titles: map[lang.Code]string{}, Descriptions: map[lang.Code]string{}, AllDay: e.AllDay, Zone: e.Zone,
		Venue: e.Venue, Address: e.Address, City: e.City, Country: string(e.Country), Attendance: string(e.Attendance),
		OnlineURL: e.OnlineURL, Category: string(e.Category), Audience: string(e.Audience), Languages: e.Languages,
		RegURL: e.RegistrationURL, ContactEmail: e.ContactEmail, PublicURL: e.PublicURL, Version: e.Version,
		Repeat: repeatFormOf(e)}
	for l, t := range e.Texts {
		f.Titles[l], f.Descriptions[l] = t.Title, t.Description
	}
	if e.AllDay {
		f.StartDate, f.EndDate = e.StartDate.String(), e.EndDate.String()
	} else {
		loc := e.Location()
		s, en := e.Start.In(loc), e.End.In(loc)
		f.StartDate, f.StartTime = s.Format(time.DateOnly), s.Format("15:04")
		f.EndDate, f.EndTime = en.Format(time.DateOnly), en.Format("15:04")
	}
	for _, t := range e.Topics {
		f.Topics = append(f.Topics, string(t))
	}
	for _, n := range e.Networks {
		f.Networks = append(f.Networks, strconv.FormatInt(n.ID, 10))
	}
	for i, o := range e.Organisers {
		id := strconv.FormatInt(o.ID, 10)
		if i == 0 {
			f.Organiser = id
		} else {
			f.CoOrganisers = append(f.CoOrganisers, id)
		}
	}
	if !e.RegistrationDeadline.IsZero() {
		f.RegDeadline = e.RegistrationDeadline.String()
	}
	return f
}

// event turns the form into an event. Values the domain cannot see as
// wrong once parsed (a malformed date or time) are reported here; the rest
// is left to calendar validation, and organisers and networks that do not
// exist to the store. pageLang is the language of texts when the form does
// not say.
func (f EventForm) event(pageLang lang.Code) (calendar.Event, apperr.Fields) {
	fe := apperr.Fields{}
	e := calendar.Event{Texts: map[lang.Code]calendar.Text{}, AllDay: f.AllDay, Zone: f.Zone, Venue: f.Venue, Address: f.Address,
		City: f.City, Country: directory.Country(strings.ToUpper(f.Country)), Attendance: calendar.Attendance(f.Attendance),
		OnlineURL: f.OnlineURL, Category: calendar.Category(f.Category), Audience: calendar.Audience(f.Audience),
		Languages: f.Languages, RegistrationURL: f.RegURL, ContactEmail: f.ContactEmail, PublicURL: f.PublicURL, Version: f.Version}
	if e.Attendance == "" {
		e.Attendance = calendar.OnSite
	}
	if e.Audience == "" {
		e.Audience = calendar.Open
	}
	for _, l := range lang.All {
		if f.Titles[l] != "" || f.Descriptions[l] != "" {
			e.Texts[l] = calendar.Text{Title: f.Titles[l], Description: f.Descriptions[l]}
		}
	}
	e.OriginalLang = pageLang
	if _, ok := e.Texts[pageLang]; !ok {
		for _, l := range lang.All {
			if _, ok := e.Texts[l]; ok {
				e.OriginalLang = l
				break
			}
		}
	}
	if e.Zone == "" {
		e.Zone = e.Country.Zone()
	}
	for _, t := range f.Topics {
		e.Topics = append(e.Topics, calendar.Topic(t))
	}
	start, err1 := calendar.ParseDate(f.StartDate)
	end, err2 := calendar.ParseDate(f.EndDate)
	if f.EndDate == "" && err1 == nil {
		end, err2 = start, nil
	}
	switch {
	case f.StartDate == "":
		fe.Add("start", "validation.required")
	case err1 != nil:
		fe.Add("start", "validation.date")
	}
	if err2 != nil {
		fe.Add("end", "validation.date")
	}
	loc, err := calendar.LoadZone(e.Zone)
	if f.AllDay {
		e.StartDate, e.EndDate = start, end
	} else if err1 == nil && err2 == nil {
		if err != nil {
			fe.Add("zone", "validation.zone")
			loc = time.UTC
		}
		st, ok1 := parseClock(f.StartTime)
		et, ok2 := parseClock(f.EndTime)
		if !ok1 {
			fe.Add("start", "validation.time")
		}
		if !ok2 {
			fe.Add("end", "validation.time")
		}
		e.Start = time.Date(start.Year, start.Month, start.Day, st/60, st%60, 0, 0, loc).UTC()
		e.End = time.Date(end.Year, end.Month, end.Day, et/60, et%60, 0, 0, loc).UTC()
	}
	if err1 == nil {
		if loc == nil {
			loc = time.UTC
		}
		e.Repeat.Rule = f.Repeat.rule(start, f.AllDay, loc, fe)
	}
	if f.RegDeadline != "" {
		d, err := calendar.ParseDate(f.RegDeadline)
		if err != nil {
			fe.Add("registration_deadline", "validation.date")
		}
		e.RegistrationDeadline = d
	}
	// The main organiser comes first; an organisation chosen twice counts
	// once, where it was first chosen. Without a main organiser the first
	// co-organiser takes its place.
	seen := map[int64]bool{}
	for i, v := range append([]string{f.Organiser}, f.CoOrganisers...) {
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			field := "organiser"
			if i > 0 {
				field = "co_organisers"
			}
			fe.Add(field, "validation.organiser_unknown")
			continue
		}
		if !seen[id] {
			seen[id] = true
			e.Organisers = append(e.Organisers, directory.Organisation{ID: id})
		}
	}
	for _, n := range f.Networks {
		id, err := strconv.ParseInt(n, 10, 64)
		if err != nil {
			fe.Add("networks", "validation.network_unknown")
			continue
		}
		e.Networks = append(e.Networks, directory.Network{ID: id})
	}
	return e, fe
}

// parseClock reads HH:MM (24 hours) into minutes after midnight.
func parseClock(s string) (int, bool) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

// submission returns the submitter's part of the form.
func (f EventForm) submission(l lang.Code) calendar.Submission {
	s := calendar.Submission{Hold: f.Hold, Lang: l, SubmitterName: f.SubmitterName, SubmitterEmail: f.SubmitterEmail}
	if f.OrgName != "" || f.OrgWebsite != "" {
		s.ProposedOrg = calendar.ProposedOrganisation{Name: f.OrgName, Country: directory.Country(strings.ToUpper(f.OrgCountry)), Website: f.OrgWebsite}
	}
	return s
}

// Has reports whether a multi-valued field holds v (for checkboxes).
func (f EventForm) Has(field, v string) bool {
	switch field {
	case "topics":
		return slices.Contains(f.Topics, v)
	case "languages":
		return slices.Contains(f.Languages, v)
	case "networks":
		return slices.Contains(f.Networks, v)
	}
	return false
}

// minCoOrganiserSlots is how many co-organiser choices the form offers at
// least. It always offers one more than are chosen: without JavaScript, a
// form shown again (after a date check or a save) has room for another.
const minCoOrganiserSlots = 2

// CoOrganiserSlot is one co-organiser choice of the form: N counts from 1.
type CoOrganiserSlot struct {
	N     int
	Value string
}

// CoOrganiserSlots are the co-organiser choices to show: the chosen ones in
// order, then one empty choice, and at least minCoOrganiserSlots.
func (f EventForm) CoOrganiserSlots() []CoOrganiserSlot {
	n := max(len(f.CoOrganisers)+1, minCoOrganiserSlots)
	out := make([]CoOrganiserSlot, n)
	for i := range out {
		out[i].N = i + 1
		if i < len(f.CoOrganisers) {
			out[i].Value = f.CoOrganisers[i]
		}
	}
	return out
}

// HasOtherTexts reports whether a title or description was typed in a
// language other than l, so that the translations stay unfolded.
func (f EventForm) HasOtherTexts(l lang.Code) bool {
	for _, code := range lang.All {
		if code != l && (f.Titles[code] != "" || f.Descriptions[code] != "") {
			return true
		}
	}
	return false
}

// Title returns the title typed for l (templates cannot index by Code).
func (f EventForm) Title(l lang.Code) string { return f.Titles[l] }

// Description returns the description typed for l.
func (f EventForm) Description(l lang.Code) string { return f.Descriptions[l] }

// fieldKeys maps the domain's field names to the form's inputs, where
// they differ, so that each message lands next to its input.
var fieldKeys = map[string]string{"organisers": "organiser", "original_lang": "title_en"}

// mergeFieldErrors turns domain field errors into the form's keys.
func mergeFieldErrors(dst apperr.Fields, err error) {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return
	}
	for k, v := range ae.Fields {
		if m, ok := fieldKeys[k]; ok {
			k = m
		}
		dst.Add(k, v)
	}
}

// formProblem turns an error the user can act on (invalid input, a stale
// version, a decision already taken, a rate limit) into the status, summary
// and field messages of the re-rendered form. ok is false for errors the
// caller returns as they are (not found, internal).
func (s *Server) formProblem(c echo.Context, err error) (code int, msg string, fe FormErrors, ok bool) {
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind == apperr.Internal || ae.Kind == apperr.NotFound {
		return 0, "", nil, false
	}
	loc := s.Bundle.For(langOf(c))
	fields := apperr.Fields{}
	mergeFieldErrors(fields, err)
	return statusOf(ae.Kind), loc.T(ae.MsgID), s.localizeFields(loc, fields), true
}
