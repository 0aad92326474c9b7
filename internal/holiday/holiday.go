// SPDX-License-Identifier: AGPL-3.0-or-later

// Package holiday knows the public holidays and de facto days off of the
// Nordic countries and autonomous areas: Denmark, Finland, Iceland, Norway
// and Sweden from github.com/rickar/cal/v2, and Åland, the Faroe Islands and
// Greenland built on the Finnish and Danish lists (see names.go).
package holiday

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rickar/cal/v2"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
)

// MaxSpanYears bounds one Between call: days more than MaxSpanYears years
// after first are ignored, so an absurd span (year 1 to 9999) costs at most
// four calendar years of work instead of thousands.
const MaxSpanYears = 3

// UnofficialNameID is the message ID of the short label shown next to a
// holiday whose Official is false ("not a public holiday by law, but offices
// are usually closed").
const UnofficialNameID = "holiday.unofficial"

// Cached years: a (country, year) outside this range is computed on every
// call instead of being kept, so requests for arbitrary years cannot grow
// the cache without bound.
const (
	minCachedYear = 1900
	maxCachedYear = 2199
)

// Nordic answers calendar.Holidays for DK, FI, IS, NO, SE, AX, FO and GL;
// every other country has no holidays. The zero value is ready to use and so
// is New(). It is safe for concurrent use and must not be copied after first
// use.
//
// Each (country, year) is computed once and cached, so repeated calls cost a
// map lookup and one allocation for a non-empty result (none for an empty
// one).
type Nordic struct {
	mu    sync.RWMutex
	years map[yearKey]*yearList
}

var _ calendar.Holidays = (*Nordic)(nil)

// New returns an empty Nordic holiday calendar.
func New() *Nordic { return &Nordic{} }

type yearKey struct {
	country directory.Country
	year    int
}

// yearList is one country's holidays in one year, ordered by date then
// NameID; keys[i] is dayKey(hols[i].Date). Never modified once built.
type yearList struct {
	keys []int
	hols []calendar.Holiday
}

// Between returns the holidays of country from first to last inclusive,
// ordered by date and then NameID. Countries without a holiday calendar
// (EE, LV, LT, PL, DE, INT, unknown codes) and spans with last before first
// have none. Days more than MaxSpanYears years after first are ignored. The
// returned slice is the caller's own.
func (n *Nordic) Between(country directory.Country, first, last calendar.Date) []calendar.Holiday {
	src, ok := sources[country]
	if !ok {
		return nil
	}
	if limit := (calendar.Date{Year: first.Year + MaxSpanYears, Month: first.Month, Day: first.Day}); dayKey(last) > dayKey(limit) {
		last = limit
	}
	lo, hi := dayKey(first), dayKey(last)
	if lo > hi {
		return nil
	}
	// Two passes over a handful of entries are cheaper than growing the
	// result; the common answer (no holiday) allocates nothing.
	count := 0
	for y := first.Year; y <= last.Year; y++ {
		for _, k := range n.year(country, src, y).keys {
			if k >= lo && k <= hi {
				count++
			}
		}
	}
	if count == 0 {
		return nil
	}
	out := make([]calendar.Holiday, 0, count)
	for y := first.Year; y <= last.Year; y++ {
		yl := n.year(country, src, y)
		for i, k := range yl.keys {
			if k >= lo && k <= hi {
				out = append(out, yl.hols[i])
			}
		}
	}
	return out
}

// year returns the cached list of country in y, building it on first use.
func (n *Nordic) year(country directory.Country, src []*cal.Holiday, y int) *yearList {
	if y < minCachedYear || y > maxCachedYear {
		return buildYear(country, src, y)
	}
	k := yearKey{country, y}
	n.mu.RLock()
	yl, ok := n.years[k]
	n.mu.RUnlock()
	if ok {
		return yl
	}
	yl = buildYear(country, src, y)
	n.mu.Lock()
	defer n.mu.Unlock()
	if old, ok := n.years[k]; ok {
		return old
	}
	if n.years == nil {
		n.years = make(map[yearKey]*yearList)
	}
	n.years[k] = yl
	return yl
}

// buildYear computes the holidays of src in year y. A holiday the library
// does not observe in y (Calc returns the zero time, e.g. Store bededag
// after 2023) is left out, and so is one without a NameID mapping, which
// TestLibraryListsAreMapped reports.
func buildYear(country directory.Country, src []*cal.Holiday, y int) *yearList {
	hols := make([]calendar.Holiday, 0, len(src))
	for _, h := range src {
		id, ok := nameIDs[h]
		if !ok {
			continue
		}
		t, _ := h.Calc(y)
		if t.IsZero() {
			continue
		}
		hols = append(hols, calendar.Holiday{Date: civilDate(t), Country: country, NameID: id, Official: h.Type == cal.ObservancePublic})
	}
	slices.SortFunc(hols, func(a, b calendar.Holiday) int {
		if ka, kb := dayKey(a.Date), dayKey(b.Date); ka != kb {
			return ka - kb
		}
		return strings.Compare(a.NameID, b.NameID)
	})
	yl := &yearList{keys: make([]int, len(hols)), hols: hols}
	for i, h := range hols {
		yl.keys[i] = dayKey(h.Date)
	}
	return yl
}

// civilDate returns the day that t, a result of cal.Holiday.Calc, stands for.
//
// Calc builds "midnight of day D" with time.Date in cal.DefaultLoc, which is
// time.Local, and we leave both alone. Normally the wanted day is simply t's
// Y/M/D in its own location, whatever that zone is. But where a DST change
// skips midnight (Atlantic/Azores on the last Sunday of March, Chile,
// Paraguay), time.Date normalises 00:00 to 23:00 of the day before, which
// would move Easter Sunday 2024 to 30 March on a server in the Azores. So
// take the nearest midnight: a clock time from noon on belongs to the next
// day. TestZoneIndependence checks this by running under several TZ values.
//
// What this cannot repair is a day that never began in time.Local because the
// zone jumped a whole day (Kiritimati on 31 December 1994, Samoa on 30
// December 2011). No such jump has happened since 2011; a server running in
// UTC or a Nordic zone is exact.
func civilDate(t time.Time) calendar.Date {
	y, m, d := t.Date()
	if t.Hour() >= 12 {
		d++
	}
	return calendar.DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// dayKey orders dates without formatting them: yyyymmdd as an int.
func dayKey(d calendar.Date) int { return d.Year*10000 + int(d.Month)*100 + d.Day }
