// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
)

// RepeatForm is the Repeats section of the event form, kept as typed. It
// works without JavaScript: every control is always there, and only those
// of the chosen kind are read.
type RepeatForm struct {
	// Kind is "" (does not repeat), a calendar.Frequency, or repeatKeep
	// for a rule the form cannot show (imported), kept as it is.
	Kind     string
	Interval string
	// Days are the weekdays of a weekly series, "0" (Sunday) to "6".
	Days []string
	// MonthBy is "day" (MonthDay) or "nth" (Nth NthDay) for a monthly series.
	MonthBy  string
	MonthDay string
	Nth      string
	NthDay   string
	// End is "count", "until" or "never" (the secretariat only).
	End   string
	Count string
	Until string
	// Kept is the stored rule that ParseRule cannot read, shown read-only.
	Kept string
}

const repeatKeep = "keep"

// parseRepeatForm reads the Repeats section.
func parseRepeatForm(c echo.Context) RepeatForm {
	r := RepeatForm{Kind: formValue(c, "repeat"), Interval: formValue(c, "repeat_interval"), Days: formValues(c, "repeat_days"),
		MonthBy: formValue(c, "repeat_month_by"), MonthDay: formValue(c, "repeat_month_day"), Nth: formValue(c, "repeat_nth"),
		NthDay: formValue(c, "repeat_nth_day"), End: formValue(c, "repeat_end"), Count: formValue(c, "repeat_count"),
		Until: formValue(c, "repeat_until"), Kept: formValue(c, "repeat_kept")}
	if len(r.Kept) > 1000 {
		r.Kept = r.Kept[:1000]
	}
	return r
}

// newRepeatForm is the section of an event that does not repeat yet.
func newRepeatForm() RepeatForm { return RepeatForm{Interval: "1", MonthBy: "day", End: "count"} }

// repeatFormOf fills the section from a stored event: the rule read back
// with ParseRule, or kept as text when the form cannot show it.
func repeatFormOf(e calendar.Event) RepeatForm {
	r := newRepeatForm()
	first, _ := e.Days()
	r.MonthDay, r.Nth, r.NthDay = strconv.Itoa(first.Day), strconv.Itoa(nthOf(first)), strconv.Itoa(int(first.Weekday()))
	if e.Repeat.IsZero() {
		return r
	}
	rule, ok := calendar.ParseRule(e.Repeat.Rule, e.Location())
	if !ok {
		r.Kind, r.Kept = repeatKeep, e.Repeat.Rule
		return r
	}
	r.Kind, r.Interval = string(rule.Freq), strconv.Itoa(rule.Interval)
	for _, d := range rule.Weekdays {
		r.Days = append(r.Days, strconv.Itoa(int(d)))
	}
	if rule.MonthDay != 0 {
		r.MonthDay = strconv.Itoa(rule.MonthDay)
	}
	if rule.Nth != 0 {
		r.MonthBy, r.Nth, r.NthDay = "nth", strconv.Itoa(rule.Nth), strconv.Itoa(int(rule.NthWeekday))
	}
	switch {
	case rule.Count > 0:
		r.Count = strconv.Itoa(rule.Count)
	case !rule.Until.IsZero():
		r.End, r.Until = "until", rule.Until.String()
	default:
		r.End = "never"
	}
	return r
}

// nthOf is which weekday of its month d is: 1–4, or -1 for a fifth, which
// only the last one can name.
func nthOf(d calendar.Date) int {
	if n := (d.Day-1)/7 + 1; n <= 4 {
		return n
	}
	return -1
}

// rule turns the section into an RRULE value for an event starting on
// first; bad values are reported under the section's field keys.
func (r RepeatForm) rule(first calendar.Date, allDay bool, loc *time.Location, fe apperr.Fields) string {
	switch r.Kind {
	case "":
		return ""
	case repeatKeep:
		if r.Kept == "" {
			fe.Add("repeat", "validation.repeat.rule")
		}
		return r.Kept
	}
	rule := calendar.Rule{Freq: calendar.Frequency(r.Kind)}
	if !slices.Contains(calendar.Frequencies, rule.Freq) {
		fe.Add("repeat", "validation.repeat.rule")
		return ""
	}
	n, err := strconv.Atoi(r.Interval)
	switch {
	case r.Interval == "":
		rule.Interval = 1
	case err != nil || n < 1 || n > 12:
		fe.Add("repeat_interval", "validation.repeat.interval")
	default:
		rule.Interval = n
	}
	switch rule.Freq {
	case calendar.Weekly:
		for _, v := range r.Days {
			d, err := strconv.Atoi(v)
			if err != nil || d < 0 || d > 6 {
				fe.Add("repeat_days", "validation.repeat.rule")
				continue
			}
			rule.Weekdays = append(rule.Weekdays, time.Weekday(d))
		}
	case calendar.Monthly:
		if r.MonthBy == "nth" {
			nth, err1 := strconv.Atoi(r.Nth)
			day, err2 := strconv.Atoi(r.NthDay)
			if r.Nth == "" && r.NthDay == "" {
				nth, day, err1, err2 = nthOf(first), int(first.Weekday()), nil, nil
			}
			if err1 != nil || !(nth >= 1 && nth <= 4 || nth == -1) || err2 != nil || day < 0 || day > 6 {
				fe.Add("repeat_month_by", "validation.repeat.rule")
			} else {
				rule.Nth, rule.NthWeekday = nth, time.Weekday(day)
			}
		} else if r.MonthDay != "" {
			d, err := strconv.Atoi(r.MonthDay)
			if err != nil || d < 1 || d > 31 {
				fe.Add("repeat_month_day", "validation.repeat.month_day")
			}
			rule.MonthDay = d
		}
	}
	switch r.End {
	case "count":
		c, err := strconv.Atoi(r.Count)
		switch {
		case r.Count == "":
			fe.Add("repeat_count", "validation.required")
		case err != nil || c < 1:
			fe.Add("repeat_count", "validation.repeat.count")
		default:
			rule.Count = c
		}
	case "until":
		d, err := calendar.ParseDate(r.Until)
		switch {
		case r.Until == "":
			fe.Add("repeat_until", "validation.required")
		case err != nil:
			fe.Add("repeat_until", "validation.date")
		default:
			rule.Until = d
		}
	case "never":
	default:
		fe.Add("repeat_end", "validation.repeat.end_required")
	}
	return rule.String(allDay, loc)
}

// HasDay reports whether weekday d ("0"–"6") is chosen.
func (r RepeatForm) HasDay(d string) bool { return slices.Contains(r.Days, d) }

// RepeatOptions are the choices of the Repeats section.
type RepeatOptions struct {
	Kinds    []Option
	Weekdays []Option
	Nths     []Option
	NthDays  []Option
}

// repeatOptions lists the section's choices for l, weekdays Monday first.
func repeatOptions(l *i18n.Localizer, r RepeatForm) RepeatOptions {
	o := RepeatOptions{Kinds: []Option{{Value: "", Label: l.T("form.repeat.none"), Selected: r.Kind == ""}}}
	if r.Kept != "" {
		o.Kinds = append(o.Kinds, Option{Value: repeatKeep, Label: l.T("form.repeat.keep"), Selected: r.Kind == repeatKeep})
	}
	for _, f := range calendar.Frequencies {
		o.Kinds = append(o.Kinds, Option{Value: string(f), Label: l.T("form.repeat." + string(f)), Selected: r.Kind == string(f)})
	}
	for i := range 7 {
		d := time.Weekday((i + 1) % 7)
		v := strconv.Itoa(int(d))
		o.Weekdays = append(o.Weekdays, Option{Value: v, Label: i18n.Capital(l.WeekdayName(d)), Selected: r.HasDay(v)})
		o.NthDays = append(o.NthDays, Option{Value: v, Label: l.WeekdayName(d), Selected: r.NthDay == v})
	}
	for _, n := range []string{"1", "2", "3", "4", "-1"} {
		id := n
		if n == "-1" {
			id = "last"
		}
		o.Nths = append(o.Nths, Option{Value: n, Label: l.T("repeat.nth." + id), Selected: r.Nth == n})
	}
	return o
}
