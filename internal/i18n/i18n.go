// SPDX-License-Identifier: AGPL-3.0-or-later

// Package i18n loads the locale files and gives each request a Localizer
// that translates messages and formats dates, times and week numbers the
// way readers of that language expect.
package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// Bundle holds every message in every language.
type Bundle struct {
	b    *goi18n.Bundle
	ids  map[lang.Code]map[string]bool
	locs map[lang.Code]*Localizer
}

// Load reads <code>.json for each of the five languages from fsys.
func Load(fsys fs.FS) (*Bundle, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	out := &Bundle{b: b, ids: map[lang.Code]map[string]bool{}, locs: map[lang.Code]*Localizer{}}
	for _, l := range lang.All {
		name := string(l) + ".json"
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("locale %s: %w", name, err)
		}
		mf, err := b.ParseMessageFileBytes(data, name)
		if err != nil {
			return nil, fmt.Errorf("locale %s: %w", name, err)
		}
		ids := map[string]bool{}
		for _, m := range mf.Messages {
			ids[m.ID] = true
		}
		out.ids[l] = ids
	}
	for _, l := range lang.All {
		loc := &Localizer{Lang: l, loc: goi18n.NewLocalizer(b, string(l), string(lang.EN)), numbers: message.NewPrinter(numberTags[l])}
		for m := time.January; m <= time.December; m++ {
			loc.months[m] = loc.T(fmt.Sprintf("month.%d", m))
			loc.monthsShort[m] = loc.T(fmt.Sprintf("month.short.%d", m))
		}
		for d := time.Sunday; d <= time.Saturday; d++ {
			loc.weekdays[d] = loc.T(fmt.Sprintf("weekday.%d", d))
			loc.weekdaysShort[d] = loc.T(fmt.Sprintf("weekday.short.%d", d))
		}
		out.locs[l] = loc
	}
	return out, nil
}

// IDs returns the message IDs defined in l's file.
func (b *Bundle) IDs(l lang.Code) map[string]bool { return b.ids[l] }

// Has reports whether the reference language defines id.
func (b *Bundle) Has(id string) bool { return b.ids[lang.EN][id] }

// For returns the Localizer of l (English for an unknown code).
func (b *Bundle) For(l lang.Code) *Localizer {
	if loc, ok := b.locs[l]; ok {
		return loc
	}
	return b.locs[lang.EN]
}

// Localizer translates into one language. It is safe for concurrent use.
type Localizer struct {
	Lang lang.Code
	loc  *goi18n.Localizer
	// numbers formats quantities; a Printer is safe for concurrent use.
	numbers *message.Printer
	// The names of months and weekdays, looked up once: every date
	// formatted needs four of them.
	months, monthsShort     [13]string
	weekdays, weekdaysShort [7]string
}

// T returns message id with the given template data as alternating key,
// value pairs: T("feed.name_filtered", "Filter", "Finland"). A missing message gives
// the id itself, which the locale tests make sure never ships.
func (l *Localizer) T(id string, kv ...any) string {
	return l.localize(id, nil, kv)
}

// N returns the plural form of id for count n; the template sees {{.Count}}
// formatted as Number does.
func (l *Localizer) N(id string, n int, kv ...any) string {
	return l.localize(id, n, append(kv, "Count", l.Number(n)))
}

// Number formats a quantity with the language's digit grouping: "75 000"
// with a no-break space in Finnish, Swedish and Norwegian, "75.000" in
// Danish, "75,000" in English. Years, days and identifiers are not
// quantities and stay plain.
func (l *Localizer) Number(n int) string { return l.numbers.Sprint(n) }

func (l *Localizer) localize(id string, count any, kv []any) string {
	var data map[string]any
	if len(kv) > 0 {
		data = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			data[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	s, err := l.loc.Localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil || s == "" {
		return id
	}
	return s
}

func (l *Localizer) dateData(d calendar.Date) []any {
	return []any{
		"D", d.Day, "DD", fmt.Sprintf("%02d", d.Day), "M", int(d.Month), "MM", fmt.Sprintf("%02d", int(d.Month)),
		"Y", d.Year, "Month", l.MonthName(d.Month), "Mon", l.monthShort(d.Month),
		"Weekday", l.WeekdayName(d.Weekday()), "Wkd", l.WeekdayShort(d.Weekday()),
	}
}

// Date formats d compactly (26.11.2025 in Finnish).
func (l *Localizer) Date(d calendar.Date) string { return l.T("format.date", l.dateData(d)...) }

// DateRange formats the days first to last (inclusive) the way running
// text writes a span in l's language, naming the shared month and year
// once: "16.–17.2.2027" in Finnish, "16–17 februari 2027" in Swedish,
// "30. januar – 2. februar 2027" in Danish. One day is formatted as
// TextDate. Tables and the audit trail keep numeric dates; this is for prose.
func (l *Localizer) DateRange(first, last calendar.Date) string {
	if first == last {
		return l.TextDate(first)
	}
	kv := []any{
		"D1", first.Day, "M1", int(first.Month), "Month1", l.MonthName(first.Month), "Y1", first.Year,
		"D2", last.Day, "M2", int(last.Month), "Month2", l.MonthName(last.Month), "Y2", last.Year,
	}
	switch {
	case first.Year != last.Year:
		return l.T("format.range.years", kv...)
	case first.Month != last.Month:
		return l.T("format.range.months", kv...)
	}
	return l.T("format.range.days", kv...)
}

// TextDate formats d for running text, with the month's name where the
// language writes it so ("3. december 2026" in Danish, "3.12.2026" in
// Finnish); Date stays compact for tables.
func (l *Localizer) TextDate(d calendar.Date) string {
	return l.T("format.date_text", l.dateData(d)...)
}

// LongDate formats d with weekday and month name.
func (l *Localizer) LongDate(d calendar.Date) string {
	return l.T("format.date_long", l.dateData(d)...)
}

// Time formats the wall-clock time of t (in t's location) on a 24-hour clock.
func (l *Localizer) Time(t time.Time) string {
	return l.T("format.time", "H", t.Hour(), "HH", fmt.Sprintf("%02d", t.Hour()), "MM", fmt.Sprintf("%02d", t.Minute()))
}

// Week names the ISO week of d ("viikko 48").
func (l *Localizer) Week(d calendar.Date) string {
	_, w := d.ISOWeek()
	return l.WeekNumber(w)
}

// WeekNumber names ISO week w.
func (l *Localizer) WeekNumber(w int) string { return l.T("format.week", "Week", w) }

// MonthName returns the month's name as used in running text.
func (l *Localizer) MonthName(m time.Month) string { return l.name(l.months[:], int(m), 1, "month.") }

func (l *Localizer) monthShort(m time.Month) string {
	return l.name(l.monthsShort[:], int(m), 1, "month.short.")
}

// MonthYear names a month of a year as a heading, which starts with a
// capital in every language ("Marraskuu 2026", "Desember 2026").
func (l *Localizer) MonthYear(y int, m time.Month) string {
	return Capital(l.T("format.month_year", "Month", l.MonthName(m), "Y", y))
}

// Heading is T for a text that begins a heading or a column header:
// names of months, weekdays and "uge" are lower case in running text but
// start with a capital there.
func (l *Localizer) Heading(id string, kv ...any) string { return Capital(l.T(id, kv...)) }

// Lower returns s with its first letter in lower case, for a label used
// inside running text ("Most serious: serious"); an abbreviation (two
// capitals, "EU", "NGO") is left as it is.
func Lower(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsUpper(r) {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// Capital returns s with its first letter in upper case.
func Capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// WeekdayName returns the weekday's full name.
func (l *Localizer) WeekdayName(d time.Weekday) string {
	return l.name(l.weekdays[:], int(d), 0, "weekday.")
}

// WeekdayShort returns the weekday's abbreviation for calendar headers.
func (l *Localizer) WeekdayShort(d time.Weekday) string {
	return l.name(l.weekdaysShort[:], int(d), 0, "weekday.short.")
}

// name returns the name looked up once for i; an i outside first..len-1
// asks the bundle, which reports the missing message as usual.
func (l *Localizer) name(names []string, i, first int, prefix string) string {
	if i < first || i >= len(names) {
		return l.T(prefix + strconv.Itoa(i))
	}
	return names[i]
}

// LangName returns the name of language code c in this localizer's language.
func (l *Localizer) LangName(c string) string { return l.T("language." + c) }

// supported lists what Match can choose; nb, nn and no all mean Norwegian.
// Matching "no" without "nb" in the list sends nb-NO to Danish, hence all three.
var supported = []language.Tag{language.English, language.Finnish, language.Swedish, language.Danish,
	language.MustParse("nb"), language.MustParse("no"), language.MustParse("nn")}

var matcher = language.NewMatcher(supported)

// Match picks the best of the five languages for an Accept-Language header,
// or fallback when nothing matches. Only the first 200 bytes are read.
func Match(acceptLanguage string, fallback lang.Code) lang.Code {
	if len(acceptLanguage) > 200 {
		acceptLanguage = acceptLanguage[:200]
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return fallback
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return fallback
	}
	switch base, _ := supported[idx].Base(); base.String() {
	case "nb", "nn", "no":
		return lang.NO
	default:
		if c, ok := lang.Parse(base.String()); ok {
			return c
		}
	}
	return fallback
}

// FromPath returns the language named by the first segment of an URL path
// ("/fi/events" → fi). Norwegian aliases (nb, nn) are reported with alias=true
// so that callers can redirect to the canonical /no/ URL.
func FromPath(path string) (code lang.Code, alias, ok bool) {
	seg := strings.TrimPrefix(path, "/")
	if i := strings.IndexByte(seg, '/'); i >= 0 {
		seg = seg[:i]
	}
	return lang.Resolve(seg)
}

// collationTags are the CLDR collations of our languages. Norwegian uses
// the nynorsk table: the two share one alphabet, and x/text v0.43.0's nb
// table sorts Æ before A (tested in TestSortFollowsEachAlphabet).
var collationTags = map[lang.Code]language.Tag{
	lang.FI: language.Finnish, lang.SV: language.Swedish, lang.DA: language.Danish,
	lang.NO: language.Make("nn"), lang.EN: language.English,
}

// numberTags give each language's digit grouping (x/text knows bokmål's
// as nb, not as no).
var numberTags = map[lang.Code]language.Tag{
	lang.FI: language.Finnish, lang.SV: language.Swedish, lang.DA: language.Danish,
	lang.NO: language.Make("nb"), lang.EN: language.English,
}

// Collator returns a new collator for l's language, ignoring case: Å Ä Ö
// come after Z in Swedish and Finnish, Æ Ø Å after Z in Danish and
// Norwegian. A Collator is not safe for concurrent use; take one per sort.
func (l *Localizer) Collator() *collate.Collator {
	return collate.New(collationTags[l.Lang], collate.IgnoreCase)
}

// Sort orders s by key in l's alphabet, stable for equal keys, computing
// each item's collation key once.
func Sort[T any](l *Localizer, s []T, key func(T) string) {
	c := l.Collator()
	var buf collate.Buffer
	keys := make([][]byte, len(s))
	for i, v := range s {
		keys[i] = append([]byte(nil), c.KeyFromString(&buf, key(v))...)
		buf.Reset()
	}
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
	sorted := make([]T, len(s))
	for i, j := range idx {
		sorted[i] = s[j]
	}
	copy(s, sorted)
}
