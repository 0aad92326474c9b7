// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/nordcal/nordcal/internal/lang"
)

// builder makes the VEVENTs of one feed. It holds what they share, worked
// out once per Write rather than once per event: the cleaned labels and
// address of the calendar, the zones the events name, and the parameters
// of properties.
//
// A parameter map is shared by every property that has the same
// parameters. golang-ical only reads the maps while it writes, and the
// VEVENTs never leave Write, so nothing changes a map once it is made.
type builder struct {
	Calendar
	labels labels
	// calendarEmail is the cleaned OrganizerEmail.
	calendarEmail string

	zones            map[string]*time.Location // eventZone, by zone name
	dateParams       map[string][]string       // VALUE=DATE
	conferenceParams map[string][]string
	tzid             map[*time.Location]map[string][]string
	language         map[lang.Code]map[string][]string // LANGUAGE of SUMMARY
	cn               map[string]map[string][]string    // CN of ORGANIZER, by the uncleaned name
	// orgPages are the cleaned OrganisationURLs by organisation ID, filled
	// by Write before any event is built and only read after.
	orgPages map[int64]string
	contact  map[contactKey]map[string][]string // ALTREP and LANGUAGE of CONTACT
}

// contactKey is what the parameters of an organiser's CONTACT depend on.
type contactKey struct {
	id   int64
	lang lang.Code
}

// labels are the cleaned labels of LOCATION and DESCRIPTION.
type labels struct {
	online, organisers, registration, deadline, moreInfo string
}

func newBuilder(c Calendar) *builder {
	b := &builder{
		Calendar: c,
		labels: labels{
			online:       cleanLine(c.Strings.Online),
			organisers:   cleanLine(c.Strings.Organisers),
			registration: cleanLine(c.Strings.Registration),
			deadline:     cleanLine(c.Strings.Deadline),
			moreInfo:     cleanLine(c.Strings.MoreInfo),
		},
		calendarEmail: cleanEmail(c.OrganizerEmail),
		zones:         map[string]*time.Location{},
		dateParams:    map[string][]string{string(ics.ParameterValue): {string(ics.ValueDataTypeDate)}},
		conferenceParams: map[string][]string{
			string(ics.ParameterValue): {"URI"},
			"FEATURE":                  {"AUDIO", "VIDEO"},
		},
		tzid:     map[*time.Location]map[string][]string{},
		language: map[lang.Code]map[string][]string{},
		cn:       map[string]map[string][]string{},
		orgPages: map[int64]string{},
		contact:  map[contactKey]map[string][]string{},
	}
	if label := cleanParam(c.Strings.Online); label != "" {
		b.conferenceParams["LABEL"] = []string{label}
	}
	return b
}

// fork returns a builder for another goroutine: it shares what does not
// change and has parameter maps of its own, because they fill as it goes.
func (b *builder) fork() *builder {
	f := *b
	f.zones = nil // eventZone is done before the events are built
	f.tzid = map[*time.Location]map[string][]string{}
	f.language = map[lang.Code]map[string][]string{}
	f.cn = map[string]map[string][]string{}
	f.contact = map[contactKey]map[string][]string{}
	return &f
}

// eventZone is the package's eventZone, remembered per zone name: most
// events of a feed share a handful of zones.
func (b *builder) eventZone(zone string) *time.Location {
	loc, ok := b.zones[zone]
	if !ok {
		loc = eventZone(zone)
		b.zones[zone] = loc
	}
	return loc
}

// tzidParams is TZID=<loc>, for a location from eventZone.
func (b *builder) tzidParams(loc *time.Location) map[string][]string {
	params, ok := b.tzid[loc]
	if !ok {
		params = map[string][]string{string(ics.ParameterTzid): {loc.String()}}
		b.tzid[loc] = params
	}
	return params
}

// languageParams is LANGUAGE=<code>, or nil when the code cannot be a
// parameter value.
func (b *builder) languageParams(code lang.Code) map[string][]string {
	params, ok := b.language[code]
	if !ok {
		if l := cleanParam(code.Tag()); l != "" {
			params = map[string][]string{string(ics.ParameterLanguage): {l}}
		}
		b.language[code] = params
	}
	return params
}

// cnParams is CN=<name>, or nil when nothing of the name is left after
// cleaning. Feeds name the same few organisations over and over.
func (b *builder) cnParams(name string) map[string][]string {
	params, ok := b.cn[name]
	if !ok {
		if cn := cleanParam(name); cn != "" {
			params = map[string][]string{string(ics.ParameterCn): {cn}}
		}
		b.cn[name] = params
	}
	return params
}

// contactParams is ALTREP=<the organisation's page> and LANGUAGE=<the
// language of its name>, either or both left out when unknown.
func (b *builder) contactParams(id int64, nameLang lang.Code) map[string][]string {
	k := contactKey{id, nameLang}
	params, ok := b.contact[k]
	if !ok {
		params = map[string][]string{}
		if u := b.orgPages[id]; u != "" {
			params[string(ics.ParameterAltrep)] = []string{u}
		}
		if l := cleanParam(string(nameLang)); l != "" {
			params[string(ics.ParameterLanguage)] = []string{l}
		}
		if len(params) == 0 {
			params = nil
		}
		b.contact[k] = params
	}
	return params
}
