// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/directory"
)

// Facets is the light view of an event that the clash rules need: its
// time, place and the keys that make two events compete for the same
// people. The store reads them without loading texts.
type Facets struct {
	ID int64
	// SeriesID is the series an event belongs to: the master's ID for a
	// series and for each of its dates, 0 for a single event. Two dates of
	// one series never clash with each other.
	SeriesID int64
	Status   Status
	AllDay   bool
	Start    time.Time
	End      time.Time
	FirstDay Date
	LastDay  Date
	City     string
	// CityKey is CityKey(City). FacetsOf and the store fill it, so that
	// each name is folded once and not on every comparison; left empty
	// beside a City, the rules compute it.
	CityKey  string
	Country  directory.Country
	Category Category
	Audience Audience
	Networks []int64
	Topics   []Topic
	// OrganiserCountries are the countries of the event's organisers.
	OrganiserCountries []directory.Country
}

// FacetsOf returns the clash view of e. Networks and organisers must carry
// their IDs and countries.
func FacetsOf(e Event) Facets {
	first, last := e.Days()
	f := Facets{ID: e.ID, Status: e.Status, AllDay: e.AllDay, Start: e.Start, End: e.End, FirstDay: first, LastDay: last,
		City: e.City, CityKey: CityKey(e.City), Country: e.Country, Category: e.Category, Audience: e.Audience, Topics: slices.Clone(e.Topics)}
	for _, n := range e.Networks {
		f.Networks = append(f.Networks, n.ID)
	}
	switch {
	case e.IsSeries():
		f.SeriesID = e.ID
	case e.IsOccurrence():
		f.SeriesID = e.SeriesID
	}
	slices.Sort(f.Networks)
	f.Networks = slices.Compact(f.Networks)
	for _, o := range e.Organisers {
		if o.Country != "" && !slices.Contains(f.OrganiserCountries, o.Country) {
			f.OrganiserCountries = append(f.OrganiserCountries, o.Country)
		}
	}
	return f
}

// ClashStatuses are the statuses of events a new event can clash with:
// everything planned, including holds and submissions awaiting moderation.
var ClashStatuses = []Status{Published, Tentative, Pending}

// How submissions awaiting moderation count in the public clash check:
// anyone can send them, so they must not drown what is decided. Their
// warnings are one level milder than a published event's would be, come
// after every other warning, those from one sender collapse into one
// warning, and at most ClashRules.MaxPending of them are listed (the rest
// are counted in ClashReport.MorePending). They never rule out the free
// dates suggested (see Service.Clashes). The secretariat's clash report
// (ClashPairs) weighs them like any other event.

// Level is how serious a warning is.
type Level int

// Warning levels, in rising order.
const (
	Low Level = iota + 1
	Medium
	High
)

// String names the level for CSS classes, JSON and message IDs.
func (l Level) String() string {
	switch l {
	case High:
		return "high"
	case Medium:
		return "medium"
	default:
		return "low"
	}
}

// ParseLevel returns the level that String names, or false.
func ParseLevel(s string) (Level, bool) {
	for _, l := range []Level{High, Medium, Low} {
		if l.String() == s {
			return l, true
		}
	}
	return 0, false
}

// Reason says why two events compete; ID is a message ID under
// "clash.reason." and Args its template values.
type Reason struct {
	ID   string
	Args map[string]any
}

// Clash is one event that collides with the candidate.
type Clash struct {
	Other   Facets
	Event   Event // loaded for display; zero in pure rule evaluation
	Score   int
	Level   Level
	Reasons []Reason
	// Grouped is how many events awaiting moderation from one sender this
	// warning stands for; 0 for a decided event.
	Grouped int
}

// HolidayClash is a public holiday during the candidate's days.
type HolidayClash struct {
	Holiday
	Level Level
}

// ProtectedClash is a protected date during the candidate's days.
type ProtectedClash struct {
	Date  ProtectedDate
	First Date
	Last  Date
}

// Alternative is a suggested span of the same length without serious clashes.
type Alternative struct {
	First, Last Date
	// Shift is how many days the span moved (negative: earlier).
	Shift int
}

// ClashReport is everything the clash check found for one candidate.
type ClashReport struct {
	First, Last  Date
	Countries    []directory.Country
	Clashes      []Clash
	Holidays     []HolidayClash
	Protected    []ProtectedClash
	Alternatives []Alternative
	// MorePending counts the events awaiting moderation that clash but are
	// not listed (see ClashRules.MaxPending).
	MorePending int
	// Series is the check of every date of a series; nil for a single
	// event. The rest of the report is about the first date.
	Series *SeriesClashes
}

// Worst returns the highest level in the report, 0 when it is clear.
func (r ClashReport) Worst() Level {
	var w Level
	for _, c := range r.Clashes {
		w = max(w, c.Level)
	}
	for _, h := range r.Holidays {
		w = max(w, h.Level)
	}
	if len(r.Protected) > 0 {
		w = High
	}
	return max(w, r.Series.Worst())
}

// Count returns how many warnings the report holds.
func (r ClashReport) Count() int { return len(r.Clashes) + len(r.Holidays) + len(r.Protected) }

// Finding is one warning of a report: exactly one of Protected, Clash and
// Holiday is set, and points into the report's own list.
type Finding struct {
	Level     Level
	Protected *ProtectedClash
	Clash     *Clash
	Holiday   *HolidayClash
}

// Findings returns every warning of the report, most serious first, the
// events awaiting moderation after all others. Within a level protected
// dates come first, then events, then holidays, each in the order of its
// own list. Every view of a report (the form, the API,
// the warnings kept with a submission) lists it so: each list is sorted on
// its own, and simply joined they put a serious holiday after a minor event.
func (r ClashReport) Findings() []Finding {
	out := make([]Finding, 0, r.Count())
	for i := range r.Protected {
		out = append(out, Finding{Level: High, Protected: &r.Protected[i]})
	}
	for i := range r.Clashes {
		out = append(out, Finding{Level: r.Clashes[i].Level, Clash: &r.Clashes[i]})
	}
	for i := range r.Holidays {
		out = append(out, Finding{Level: r.Holidays[i].Level, Holiday: &r.Holidays[i]})
	}
	pending := func(f Finding) bool { return f.Clash != nil && f.Clash.Other.Status == Pending }
	slices.SortStableFunc(out, func(a, b Finding) int {
		if pa, pb := pending(a), pending(b); pa != pb {
			if pa {
				return 1
			}
			return -1
		}
		return cmp.Compare(b.Level, a.Level)
	})
	return out
}

// ClashRules are the tunable parts of the clash check.
type ClashRules struct {
	// GapDays is how many days between two events still count as a clash
	// when either is a conference or ministerial meeting: people travel.
	GapDays int
	// MaxClashes caps the events listed, most serious first.
	MaxClashes int
	// AlternativeDays is how far the search for free dates goes each way.
	AlternativeDays int
	// Alternatives is how many free spans to suggest.
	Alternatives int
	// MaxPending caps the warnings of events awaiting moderation, after
	// those of one sender are collapsed into one (0: MaxClashes).
	MaxPending int
}

// DefaultClashRules are the rules without configuration.
var DefaultClashRules = ClashRules{GapDays: 1, MaxClashes: 20, AlternativeDays: 42, Alternatives: 3, MaxPending: 3}

// needsGap reports whether the travel gap applies between a and b.
func needsGap(a, b Category) bool {
	big := func(c Category) bool { return c == Conference || c == Ministerial }
	return big(a) || big(b)
}

// Scores of the clash rules. Time decides the base; the shared people and
// place add to it.
const (
	scoreOverlap       = 50
	scoreSameDay       = 35
	scoreNear          = 20
	scoreSameCategory  = 15
	scoreBothBig       = 10
	scoreSameNetwork   = 25
	scoreSameAudience  = 5
	scoreTopic         = 5
	scoreTopicsMax     = 15
	scoreSameCity      = 15
	scoreSameCountry   = 10
	scoreSharedCountry = 5
	levelHigh          = 75
	levelMedium        = 50
)

// Compare scores other against the candidate c. It returns false when the
// two do not clash at all.
func Compare(c, other Facets, rules ClashRules) (Clash, bool) {
	return compare(c, other, rules, true)
}

// compare is Compare; without reasons it only scores, which is all that
// ranking a hundred events needs.
func compare(c, other Facets, rules ClashRules, reasons bool) (Clash, bool) {
	if other.ID != 0 && other.ID == c.ID || sameSeries(&c, &other) {
		return Clash{}, false
	}
	var cl Clash
	cl.Other = other
	switch {
	case c.Start.Before(other.End) && other.Start.Before(c.End):
		cl.Score = scoreOverlap
		if reasons {
			cl.Reasons = append(cl.Reasons, Reason{ID: "clash.reason.overlap"})
		}
	case !c.LastDay.Before(other.FirstDay) && !other.LastDay.Before(c.FirstDay):
		// Same days, different hours: one may attend both only in one city.
		cl.Score = scoreSameDay
		if reasons {
			cl.Reasons = append(cl.Reasons, Reason{ID: "clash.reason.same_day"})
		}
	default:
		// Days from the end of the earlier event to the start of the later.
		distance := c.LastDay.DaysUntil(other.FirstDay)
		if other.FirstDay.Before(c.FirstDay) {
			distance = other.LastDay.DaysUntil(c.FirstDay)
		}
		if !needsGap(c.Category, other.Category) || distance > rules.GapDays {
			return Clash{}, false
		}
		cl.Score = scoreNear
		if reasons {
			cl.Reasons = append(cl.Reasons, Reason{ID: "clash.reason.near", Args: map[string]any{"Count": distance}})
		}
	}
	if c.Category != "" && c.Category == other.Category {
		cl.Score += scoreSameCategory
		if needsGap(c.Category, other.Category) {
			cl.Score += scoreBothBig
		}
		if reasons {
			cl.Reasons = append(cl.Reasons, Reason{ID: "clash.reason.same_category", Args: map[string]any{"Category": string(c.Category)}})
		}
	}
	if shared := intersect(c.Networks, other.Networks); len(shared) > 0 {
		cl.Score += scoreSameNetwork
		if reasons {
			cl.Reasons = append(cl.Reasons, Reason{ID: "clash.reason.same_network"})
		}
	}
	if c.Audience == Internal && other.Audience == Internal {
		cl.Score += scoreSameAudience
		if reasons {
			cl.Reasons = append(cl.Reasons, Reason{ID: "clash.reason.same_audience"})
		}
	}
	if shared := intersect(c.Topics, other.Topics); len(shared) > 0 {
		cl.Score += min(scoreTopicsMax, scoreTopic*len(shared))
		if reasons {
			cl.Reasons = append(cl.Reasons, Reason{ID: "clash.reason.same_topics", Args: map[string]any{"Count": len(shared)}})
		}
	}
	switch {
	case sameCity(&c, &other):
		cl.Score += scoreSameCity
		if reasons {
			cl.Reasons = append(cl.Reasons, Reason{ID: "clash.reason.same_city", Args: map[string]any{"City": other.City}})
		}
	case c.Country != "" && c.Country == other.Country:
		cl.Score += scoreSameCountry
		if reasons {
			cl.Reasons = append(cl.Reasons, Reason{ID: "clash.reason.same_country", Args: map[string]any{"Country": string(c.Country)}})
		}
	case len(intersect(c.concerned(), other.concerned())) > 0:
		cl.Score += scoreSharedCountry
		if reasons {
			cl.Reasons = append(cl.Reasons, Reason{ID: "clash.reason.shared_country"})
		}
	}
	switch {
	case cl.Score >= levelHigh:
		cl.Level = High
	case cl.Score >= levelMedium:
		cl.Level = Medium
	default:
		cl.Level = Low
	}
	return cl, true
}

// sameCity reports whether a and b are in the same city, whatever the
// language, case or accents of its name.
func sameCity(a, b *Facets) bool {
	ka := a.cityKey()
	return ka != "" && ka == b.cityKey()
}

func (f *Facets) cityKey() string {
	if f.CityKey == "" && f.City != "" {
		return CityKey(f.City)
	}
	return f.CityKey
}

// concerned returns the countries an event concerns directly: where it is
// held and where its organisers are.
func (f Facets) concerned() []directory.Country {
	out := slices.Clone(f.OrganiserCountries)
	if f.Country != "" && !slices.Contains(out, f.Country) {
		out = append(out, f.Country)
	}
	return out
}

// HolidayCountries returns the countries whose public holidays matter to
// an event: where it is held, where its organisers are, and every Nordic
// country when it is a network or international event.
func (f Facets) HolidayCountries() []directory.Country {
	out := f.concerned()
	nordicWide := len(f.Networks) > 0
	for _, c := range out {
		if c == "INT" {
			nordicWide = true
		}
	}
	if nordicWide {
		for _, c := range []directory.Country{"DK", "FI", "IS", "NO", "SE"} {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	out = slices.DeleteFunc(out, func(c directory.Country) bool { return c == "INT" })
	slices.Sort(out)
	return out
}

func intersect[T comparable](a, b []T) []T {
	var out []T
	for _, x := range a {
		if slices.Contains(b, x) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// Evaluate applies the clash rules for candidate c against others, the
// holidays of every country it concerns and the protected dates, and
// suggests alternatives. It is a pure function; the service feeds it.
func Evaluate(c Facets, others []Facets, hol Holidays, protected []ProtectedDate, rules ClashRules) ClashReport {
	return evaluate(c, others, hol, protected, rules, nil)
}

// evaluate is Evaluate with the senders of the events awaiting moderation
// among others (by event ID), whose warnings collapse by sender.
func evaluate(c Facets, others []Facets, hol Holidays, protected []ProtectedDate, rules ClashRules, senderOf map[int64]string) ClashReport {
	r := ClashReport{First: c.FirstDay, Last: c.LastDay, Countries: c.HolidayCountries()}
	r.Clashes, r.MorePending = worst(c, others, rules, senderOf)
	r.Holidays = holidaysDuring(c, r.Countries, hol, c.FirstDay, c.LastDay)
	r.Protected = protectedDuring(protected, c.FirstDay, c.LastDay)
	r.Alternatives = Alternatives(c, others, hol, protected, r.Countries, rules)
	return r
}

// worst compares c with each of others and returns the clashes most
// serious first, then by start and ID, at most rules.MaxClashes of them
// when that is positive. The events awaiting moderation follow, a level
// milder, collapsed by sender (see pendingClashes). Until the order is
// known only the score of each clash is kept and its reasons are not
// written out: a Clash is large, and the registration form runs this over
// a hundred events on every keystroke.
func worst(c Facets, others []Facets, rules ClashRules, senderOf map[int64]string) ([]Clash, int) {
	var fs, pending []found
	for i := range others {
		if cl, ok := compare(c, others[i], rules, false); ok {
			if others[i].Status == Pending {
				pending = append(pending, found{other: i, score: cl.Score})
			} else {
				fs = append(fs, found{other: i, score: cl.Score})
			}
		}
	}
	if len(fs)+len(pending) == 0 {
		return nil, 0
	}
	order := func(a, b found) int {
		if a.score != b.score {
			return b.score - a.score
		}
		x, y := &others[a.other], &others[b.other]
		if !x.Start.Equal(y.Start) {
			return x.Start.Compare(y.Start)
		}
		return int(x.ID - y.ID)
	}
	slices.SortStableFunc(fs, order)
	if rules.MaxClashes > 0 && len(fs) > rules.MaxClashes {
		fs = fs[:rules.MaxClashes]
	}
	slices.SortStableFunc(pending, order)
	pending, more := pendingClashes(others, pending, senderOf, rules)
	out := make([]Clash, 0, len(fs)+len(pending))
	for _, f := range fs {
		cl, _ := Compare(c, others[f.other], rules)
		out = append(out, cl)
	}
	for _, f := range pending {
		cl, _ := Compare(c, others[f.other], rules)
		cl.Level, cl.Grouped = max(cl.Level-1, Low), f.grouped
		out = append(out, cl)
	}
	return out, more
}

// found is a clash in worst before its reasons are written out: the index
// of the other event, the score, and for a pending one how many events of
// its sender it stands for.
type found struct{ other, score, grouped int }

// pendingClashes collapses the clashes with events awaiting moderation, in
// worst's order: the events of one sender (senderOf, by event ID; one
// without is its own sender) become one warning, the first and so most
// serious of them, counting them in grouped. At most rules.MaxPending
// warnings stay (rules.MaxClashes when that is 0); more counts the events
// of those left out.
func pendingClashes(others []Facets, pending []found, senderOf map[int64]string, rules ClashRules) (kept []found, more int) {
	limit := rules.MaxPending
	if limit <= 0 {
		limit = rules.MaxClashes
	}
	group := map[string]int{}
	for _, f := range pending {
		if key := senderOf[others[f.other].ID]; key != "" {
			if i, ok := group[key]; ok {
				kept[i].grouped++
				continue
			}
			group[key] = len(kept)
		}
		f.grouped = 1
		kept = append(kept, f)
	}
	if limit > 0 && len(kept) > limit {
		for _, f := range kept[limit:] {
			more += f.grouped
		}
		kept = kept[:limit]
	}
	return kept, more
}

func holidaysDuring(c Facets, countries []directory.Country, hol Holidays, first, last Date) []HolidayClash {
	if hol == nil {
		return nil
	}
	var out []HolidayClash
	for _, country := range countries {
		for _, h := range hol.Between(country, first, last) {
			lv := Low
			if h.Official {
				lv = Medium
				if country == c.Country {
					lv = High
				}
			}
			out = append(out, HolidayClash{Holiday: h, Level: lv})
		}
	}
	slices.SortStableFunc(out, func(a, b HolidayClash) int {
		if a.Level != b.Level {
			return int(b.Level - a.Level)
		}
		return strings.Compare(a.Date.String(), b.Date.String())
	})
	return out
}

func protectedDuring(ps []ProtectedDate, first, last Date) []ProtectedClash {
	var out []ProtectedClash
	for _, p := range ps {
		for _, occ := range p.Occurrences(first, last) {
			out = append(out, ProtectedClash{Date: p, First: occ[0], Last: occ[1]})
		}
	}
	return out
}

// serious reports whether o rules out a span for c: it is an event of the
// same category or network.
func serious(c, o Facets) bool {
	if c.ID != 0 && c.ID == o.ID || sameSeries(&c, &o) {
		return false
	}
	return (c.Category != "" && c.Category == o.Category) || len(intersect(c.Networks, o.Networks)) > 0
}

// Alternatives looks for the nearest spans of the same length as c,
// alternating later and earlier, that start and end on the same kind of day
// (weekday or weekend) as the original and touch no day taken by a serious
// clash (an event of the same category or network, with the travel gap
// around conferences), no official holiday of the countries and no
// protected date. It works on whole days.
func Alternatives(c Facets, others []Facets, hol Holidays, protected []ProtectedDate, countries []directory.Country, rules ClashRules) []Alternative {
	if rules.Alternatives <= 0 {
		return nil
	}
	reach := rules.AlternativeDays
	from, to := c.FirstDay.AddDays(-reach), c.LastDay.AddDays(reach)
	// busy[i] is day from+i.
	busy := make([]bool, from.DaysUntil(to)+1)
	mark := func(a, b Date) {
		lo, hi := max(from.DaysUntil(a), 0), min(from.DaysUntil(b), len(busy)-1)
		for i := lo; i <= hi; i++ {
			busy[i] = true
		}
	}
	for _, o := range others {
		if !serious(c, o) {
			continue
		}
		g := 0
		if needsGap(c.Category, o.Category) {
			g = max(rules.GapDays, 0)
		}
		mark(o.FirstDay.AddDays(-g), o.LastDay.AddDays(g))
	}
	if hol != nil {
		for _, country := range countries {
			for _, h := range hol.Between(country, from, to) {
				if h.Official {
					mark(h.Date, h.Date)
				}
			}
		}
	}
	for _, p := range protected {
		for _, occ := range p.Occurrences(from, to) {
			mark(occ[0], occ[1])
		}
	}
	length := c.FirstDay.DaysUntil(c.LastDay)
	weekend := func(d Date) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }
	var out []Alternative
	for step := 1; step <= reach && len(out) < rules.Alternatives; step++ {
		for _, shift := range []int{step, -step} {
			if len(out) >= rules.Alternatives {
				break
			}
			first := c.FirstDay.AddDays(shift)
			last := first.AddDays(length)
			if weekend(first) != weekend(c.FirstDay) || weekend(last) != weekend(c.LastDay) {
				continue
			}
			free := true
			for i := from.DaysUntil(first); i <= from.DaysUntil(last); i++ {
				if i < 0 || i >= len(busy) || busy[i] {
					free = false
					break
				}
			}
			if free {
				out = append(out, Alternative{First: first, Last: last, Shift: shift})
			}
		}
	}
	return out
}
