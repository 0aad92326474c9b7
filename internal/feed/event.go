// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"fmt"
	"strconv"
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

// Layouts of DATE-TIME values, as golang-ical's own setters write them.
const (
	utcLayout   = "20060102T150405Z"
	localLayout = "20060102T150405"
)

// event makes ev the VEVENT of x, reusing ev's property slice.
//
// Properties are appended with add rather than golang-ical's setters: every
// property is new to the event, and the setters would scan the properties
// for an earlier one and give each property a parameter map of its own.
// The order of the properties is the order of the output.
func (b *builder) event(ev *ics.VEvent, x *entry) {
	e := x.e
	ev.Properties = ev.Properties[:0]
	add(ev, ics.ComponentPropertyUniqueId, x.uid, nil)

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
	add(ev, ics.ComponentPropertyDtstamp, stamp.UTC().Format(utcLayout), nil)
	if !e.CreatedAt.IsZero() {
		add(ev, ics.ComponentPropertyCreated, e.CreatedAt.UTC().Format(utcLayout), nil)
	}
	if !e.UpdatedAt.IsZero() {
		add(ev, ics.ComponentPropertyLastModified, e.UpdatedAt.UTC().Format(utcLayout), nil)
	}
	add(ev, ics.ComponentPropertySequence, strconv.Itoa(max(0, e.Sequence)), nil)
	add(ev, ics.ComponentPropertyStatus, string(statuses[e.Status]), nil)

	title, titleLang := e.Title(b.Lang)
	if e.Status == calendar.Cancelled {
		title = b.Strings.CancelledPrefix + title
	}
	add(ev, ics.ComponentPropertySummary, cleanLine(title), b.languageParams(titleLang))

	b.writeTimes(ev, x.t)
	b.writeRepeat(ev, x)

	// These are worked out once here, not once per property they are
	// written in.
	join, page := onlineURL(e), cleanURL(x.page)
	var organiser string // the first organiser's name, as the directory has it
	if len(e.Organisers) > 0 {
		organiser, _ = e.Organisers[0].Name(b.Lang)
	}

	if loc := b.location(e, join); loc != "" {
		add(ev, ics.ComponentPropertyLocation, loc, nil)
	}
	if desc := b.description(x, organiser, join, page); desc != "" {
		add(ev, ics.ComponentPropertyDescription, desc, nil)
	}
	if page != "" {
		add(ev, ics.ComponentPropertyUrl, page, nil)
	}
	if join != "" {
		// RFC 7986 join link. Few clients show it, so LOCATION and
		// DESCRIPTION carry the link too.
		add(ev, "CONFERENCE", join, b.conferenceParams)
	}
	b.addCategories(ev, e)
	if addr := b.organizerEmail(e); addr != "" {
		add(ev, ics.ComponentPropertyOrganizer, "mailto:"+addr, b.cnParams(organiser))
	}
	b.addContacts(ev, e)
	add(ev, ics.ComponentPropertyClass, string(ics.ClassificationPublic), nil)
	// TRANSPARENT: the feed lists events coordinators may attend, not
	// commitments; a subscribed calendar must not turn every Nordic
	// conference into busy time in the subscriber's free/busy.
	add(ev, ics.ComponentPropertyTransp, string(ics.TransparencyTransparent), nil)
}

// add appends a property to ev. params may be nil, and is shared with other
// properties: golang-ical only reads it.
func add(ev *ics.VEvent, prop ics.ComponentProperty, value string, params map[string][]string) {
	ev.Properties = append(ev.Properties, ics.IANAProperty{BaseProperty: ics.BaseProperty{
		IANAToken: string(prop), Value: value, ICalParameters: params,
	}})
}

// writeTimes adds DTSTART and DTEND. Whole-day events get dates with an
// exclusive end; timed events get local time with a TZID, or UTC. DTEND is
// left out of a timed event that does not end after it starts, so a feed
// never claims DTEND ≤ DTSTART.
func (b *builder) writeTimes(ev *ics.VEvent, t timing) {
	if t.allDay {
		add(ev, ics.ComponentPropertyDtStart, icalDate(t.startDay), b.dateParams)
		add(ev, ics.ComponentPropertyDtEnd, icalDate(t.endDay.AddDays(1)), b.dateParams)
		return
	}
	if t.loc == nil {
		add(ev, ics.ComponentPropertyDtStart, t.start.UTC().Format(utcLayout), nil)
		if t.end.After(t.start) {
			add(ev, ics.ComponentPropertyDtEnd, t.end.UTC().Format(utcLayout), nil)
		}
		return
	}
	tzid := b.tzidParams(t.loc)
	add(ev, ics.ComponentPropertyDtStart, t.start.In(t.loc).Format(localLayout), tzid)
	if t.end.After(t.start) {
		add(ev, ics.ComponentPropertyDtEnd, t.end.In(t.loc).Format(localLayout), tzid)
	}
}

// icalDate writes d as a DATE value, YYYYMMDD.
func icalDate(d calendar.Date) string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		// No client reads such a date, but it is written as it always was.
		return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
	}
	// The digits of YYYYMMDD, zero-padded, without fmt: a feed writes two
	// dates per whole-day event.
	n := d.Year*10000 + int(d.Month)*100 + d.Day
	var digits [8]byte
	for i := len(digits) - 1; i >= 0; i-- {
		digits[i] = byte('0' + n%10)
		n /= 10
	}
	return string(digits[:])
}

// online reports whether people can take part online.
func online(e *calendar.Event) bool {
	return e.Attendance == calendar.Online || e.Attendance == calendar.Hybrid
}

// onlineURL is the usable join link of an online or hybrid event, or "".
func onlineURL(e *calendar.Event) string {
	if !online(e) {
		return ""
	}
	return cleanURL(e.OnlineURL)
}

// writeLabelled writes "label: value", or whichever of the two is not
// empty. The label is already clean.
func writeLabelled(sb *strings.Builder, label, value string) {
	sb.WriteString(label)
	if label != "" && value != "" {
		sb.WriteString(": ")
	}
	sb.WriteString(value)
}

// location is the place (venue, address, city, country) and, for online
// and hybrid events, "Online: <url>" (join is the event's onlineURL).
// Online-only events give just the online part.
func (b *builder) location(e *calendar.Event, join string) string {
	var sb strings.Builder
	sb.Grow(len(e.Venue) + len(e.Address) + len(e.City) + len(join) + 48)
	next := func() {
		if sb.Len() > 0 {
			sb.WriteString(", ")
		}
	}
	if e.Attendance != calendar.Online {
		for _, s := range [...]string{e.Venue, e.Address, e.City, b.countryName(e)} {
			if s = cleanLine(s); s != "" {
				next()
				sb.WriteString(s)
			}
		}
	}
	if online(e) && (b.labels.online != "" || join != "") {
		next()
		writeLabelled(&sb, b.labels.online, join)
	}
	return sb.String()
}

func (b *builder) countryName(e *calendar.Event) string {
	if e.Country == "" {
		return ""
	}
	if name := cleanLine(b.Strings.Country[e.Country]); name != "" {
		return name
	}
	return string(e.Country)
}

// description is the event's description, a blank line, and the facts a
// subscriber needs without opening the web page: organisers, online link,
// registration and deadline, and our event page. organiser is the first
// organiser's name, join the onlineURL and page the cleaned event URL.
func (b *builder) description(x *entry, organiser, join, page string) string {
	e := x.e
	text, _ := e.Description(b.Lang)
	text = strings.TrimSpace(cleanText(text))

	var sb strings.Builder
	// Room for the text and the usual facts, so that the builder grows
	// rarely, without reserving much more than a description takes.
	sb.Grow(len(text) + len(join) + len(page) + len(e.RegistrationURL) + 160)
	sb.WriteString(text)
	facts := 0
	// fact starts a fact's line: after the text and a blank line, or after
	// the fact before it.
	fact := func() {
		switch {
		case facts > 0:
			sb.WriteByte('\n')
		case text != "":
			sb.WriteString("\n\n")
		}
		facts++
	}

	names := 0
	for i, o := range e.Organisers {
		name := organiser
		if i > 0 {
			name, _ = o.Name(b.Lang)
		}
		if name = cleanLine(name); name == "" {
			continue
		}
		if names == 0 {
			fact()
			sb.WriteString(b.labels.organisers)
			if b.labels.organisers != "" {
				sb.WriteString(": ")
			}
		} else {
			sb.WriteString(", ")
		}
		sb.WriteString(name)
		names++
	}
	if join != "" {
		fact()
		writeLabelled(&sb, b.labels.online, join)
	}
	if u := cleanURL(e.RegistrationURL); u != "" {
		fact()
		writeLabelled(&sb, b.labels.registration, u)
	}
	if d := e.RegistrationDeadline; !d.IsZero() {
		var day string
		if b.Strings.FormatDate != nil {
			day = cleanLine(x.deadline) // FormatDate(d), called by Write
		} else {
			day = d.String()
		}
		fact()
		writeLabelled(&sb, b.labels.deadline, day)
	}
	if page != "" {
		fact()
		writeLabelled(&sb, b.labels.moreInfo, page)
	}
	return sb.String()
}

// addCategories adds one CATEGORIES property per localised name of the
// category and the topics. golang-ical escapes the commas of a list, and
// RFC 5545 allows the property to repeat.
func (b *builder) addCategories(ev *ics.VEvent, e *calendar.Event) {
	first := len(ev.Properties)
	category := func(name, code string) {
		name = cleanCategory(name)
		if name == "" {
			name = cleanCategory(code)
		}
		if name == "" {
			return
		}
		for _, p := range ev.Properties[first:] {
			if p.Value == name {
				return
			}
		}
		add(ev, ics.ComponentPropertyCategories, name, nil)
	}
	if e.Category != "" {
		category(b.Strings.Category[e.Category], string(e.Category))
	}
	for _, t := range e.Topics {
		category(b.Strings.Topic[t], string(t))
	}
}

// addContacts adds one CONTACT (RFC 5545 3.8.4.2) per organiser, in the
// event's order, with the organisation's page as ALTREP. ORGANIZER has room
// for one name, the first organiser's, and no client shows more than one;
// CONTACT repeats, so that every organiser is in the event for programs
// that read it. The clients people use (Outlook, Google, Apple Calendar,
// Thunderbird) show none of them: DESCRIPTION lists the organisers for
// people. CATEGORIES is left to category and topics, because Outlook and
// Thunderbird would turn each organisation into a category of their own.
func (b *builder) addContacts(ev *ics.VEvent, e *calendar.Event) {
	for _, o := range e.Organisers {
		name, nameLang := o.Name(b.Lang)
		if name = cleanLine(name); name == "" {
			continue
		}
		add(ev, ics.ComponentPropertyContact, name, b.contactParams(o.ID, nameLang))
	}
}

// organizerEmail is the ORGANIZER address: the event's contact, else the
// calendar's, else "" when neither is a usable address.
func (b *builder) organizerEmail(e *calendar.Event) string {
	if addr := cleanEmail(e.ContactEmail); addr != "" {
		return addr
	}
	return b.calendarEmail
}
