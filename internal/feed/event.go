// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"fmt"
	"slices"
	"strings"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/calendar"
)

// statuses maps the public statuses to STATUS values.
var statuses = map[calendar.Status]ics.ObjectStatus{
	calendar.Published: ics.ObjectStatusConfirmed,
	calendar.Tentative: ics.ObjectStatusTentative,
	calendar.Cancelled: ics.ObjectStatusCancelled,
}

// event builds the VEVENT for e, whose times are written as t says.
func (c Calendar) event(e calendar.Event, t timing) *ics.VEvent {
	ev := ics.NewEvent(cleanLine(e.UID))

	// DTSTAMP is the last change, never the time of writing: the feed must
	// be byte-stable for its ETag, and RFC 5545 lets DTSTAMP be the
	// revision time of a published object.
	stamp := e.UpdatedAt
	if stamp.IsZero() {
		stamp = e.CreatedAt
	}
	if stamp.IsZero() {
		stamp = e.Start
	}
	ev.SetDtStampTime(stamp)
	if !e.CreatedAt.IsZero() {
		ev.SetCreatedTime(e.CreatedAt)
	}
	if !e.UpdatedAt.IsZero() {
		ev.SetModifiedAt(e.UpdatedAt)
	}
	ev.SetSequence(max(0, e.Sequence))
	ev.SetStatus(statuses[e.Status])

	title, titleLang := e.Title(c.Lang)
	if e.Status == calendar.Cancelled {
		title = c.Strings.CancelledPrefix + title
	}
	var summaryParams []ics.PropertyParameter
	if l := cleanParam(string(titleLang)); l != "" {
		summaryParams = append(summaryParams, &ics.KeyValues{Key: string(ics.ParameterLanguage), Value: []string{l}})
	}
	ev.SetSummary(cleanLine(title), summaryParams...)

	writeTimes(ev, t)

	if loc := c.location(e); loc != "" {
		ev.SetLocation(loc)
	}
	if desc := c.description(e); desc != "" {
		ev.SetDescription(desc)
	}
	if c.EventURL != nil {
		if u := cleanURL(c.EventURL(e)); u != "" {
			ev.SetURL(u)
		}
	}
	if u := onlineURL(e); u != "" {
		// RFC 7986 join link. Few clients show it, so LOCATION and
		// DESCRIPTION carry the link too.
		params := []ics.PropertyParameter{
			ics.WithValue("URI"),
			&ics.KeyValues{Key: "FEATURE", Value: []string{"AUDIO", "VIDEO"}},
		}
		if label := cleanParam(c.Strings.Online); label != "" {
			params = append(params, &ics.KeyValues{Key: "LABEL", Value: []string{label}})
		}
		ev.AddProperty(ics.ComponentProperty("CONFERENCE"), u, params...)
	}
	// One CATEGORIES property per name: golang-ical escapes the commas of a
	// list, and RFC 5545 allows the property to repeat.
	for _, name := range c.categories(e) {
		ev.AddCategory(name)
	}
	if addr := c.organizerEmail(e); addr != "" {
		var params []ics.PropertyParameter
		if len(e.Organisers) > 0 {
			name, _ := e.Organisers[0].Name(c.Lang)
			if cn := cleanParam(name); cn != "" {
				params = append(params, ics.WithCN(cn))
			}
		}
		ev.SetOrganizer("mailto:"+addr, params...)
	}
	ev.SetClass(ics.ClassificationPublic)
	// TRANSPARENT: the feed lists events coordinators may attend, not
	// commitments; a subscribed calendar must not turn every Nordic
	// conference into busy time in the subscriber's free/busy.
	ev.SetTimeTransparency(ics.TransparencyTransparent)
	return ev
}

// writeTimes sets DTSTART and DTEND. Whole-day events get dates with an
// exclusive end; timed events get local time with a TZID, or UTC. DTEND is
// left out of a timed event that does not end after it starts, so a feed
// never claims DTEND ≤ DTSTART.
func writeTimes(ev *ics.VEvent, t timing) {
	if t.allDay {
		ev.SetProperty(ics.ComponentPropertyDtStart, icalDate(t.startDay), ics.WithValue(string(ics.ValueDataTypeDate)))
		ev.SetProperty(ics.ComponentPropertyDtEnd, icalDate(t.endDay.AddDays(1)), ics.WithValue(string(ics.ValueDataTypeDate)))
		return
	}
	if t.loc == nil {
		ev.SetStartAt(t.start)
		if t.end.After(t.start) {
			ev.SetEndAt(t.end)
		}
		return
	}
	tzid := ics.WithTZID(t.loc.String())
	ev.SetProperty(ics.ComponentPropertyDtStart, t.start.In(t.loc).Format("20060102T150405"), tzid)
	if t.end.After(t.start) {
		ev.SetProperty(ics.ComponentPropertyDtEnd, t.end.In(t.loc).Format("20060102T150405"), tzid)
	}
}

func icalDate(d calendar.Date) string {
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}

// online reports whether people can take part online.
func online(e calendar.Event) bool {
	return e.Attendance == calendar.Online || e.Attendance == calendar.Hybrid
}

// onlineURL is the usable join link of an online or hybrid event, or "".
func onlineURL(e calendar.Event) string {
	if !online(e) {
		return ""
	}
	return cleanURL(e.OnlineURL)
}

// labelled writes "label: value", or whichever of the two is not empty.
func labelled(label, value string) string {
	label = cleanLine(label)
	switch {
	case label == "":
		return value
	case value == "":
		return label
	}
	return label + ": " + value
}

// location is the place (venue, address, city, country) and, for online
// and hybrid events, "Online: <url>". Online-only events give just the
// online part.
func (c Calendar) location(e calendar.Event) string {
	var parts []string
	if e.Attendance != calendar.Online {
		for _, s := range []string{e.Venue, e.Address, e.City, c.countryName(e)} {
			if s = cleanLine(s); s != "" {
				parts = append(parts, s)
			}
		}
	}
	if online(e) {
		if s := labelled(c.Strings.Online, onlineURL(e)); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

func (c Calendar) countryName(e calendar.Event) string {
	if e.Country == "" {
		return ""
	}
	if name := cleanLine(c.Strings.Country[e.Country]); name != "" {
		return name
	}
	return string(e.Country)
}

// description is the event's description, a blank line, and the facts a
// subscriber needs without opening the web page: organisers, online link,
// registration and deadline, and our event page.
func (c Calendar) description(e calendar.Event) string {
	var facts []string
	var names []string
	for _, o := range e.Organisers {
		name, _ := o.Name(c.Lang)
		if name = cleanLine(name); name != "" {
			names = append(names, name)
		}
	}
	if len(names) > 0 {
		facts = append(facts, labelled(c.Strings.Organisers, strings.Join(names, ", ")))
	}
	if u := onlineURL(e); u != "" {
		facts = append(facts, labelled(c.Strings.Online, u))
	}
	if u := cleanURL(e.RegistrationURL); u != "" {
		facts = append(facts, labelled(c.Strings.Registration, u))
	}
	if d := e.RegistrationDeadline; !d.IsZero() {
		text := d.String()
		if c.Strings.FormatDate != nil {
			text = cleanLine(c.Strings.FormatDate(d))
		}
		facts = append(facts, labelled(c.Strings.Deadline, text))
	}
	if c.EventURL != nil {
		if u := cleanURL(c.EventURL(e)); u != "" {
			facts = append(facts, labelled(c.Strings.MoreInfo, u))
		}
	}
	text, _ := e.Description(c.Lang)
	text = strings.TrimSpace(cleanText(text))
	switch {
	case len(facts) == 0:
		return text
	case text == "":
		return strings.Join(facts, "\n")
	}
	return text + "\n\n" + strings.Join(facts, "\n")
}

// categories are the localised names of the category and the topics.
func (c Calendar) categories(e calendar.Event) []string {
	var out []string
	add := func(name, code string) {
		name = cleanCategory(name)
		if name == "" {
			name = cleanCategory(code)
		}
		if name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	if e.Category != "" {
		add(c.Strings.Category[e.Category], string(e.Category))
	}
	for _, t := range e.Topics {
		add(c.Strings.Topic[t], string(t))
	}
	return out
}

// organizerEmail is the ORGANIZER address: the event's contact, else the
// calendar's, else "" when neither is a usable address.
func (c Calendar) organizerEmail(e calendar.Event) string {
	if addr := cleanEmail(e.ContactEmail); addr != "" {
		return addr
	}
	return cleanEmail(c.OrganizerEmail)
}
