// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// ProtectedStore keeps the protected dates.
type ProtectedStore interface {
	// SaveProtectedDate creates (ID 0) or updates p with a version check,
	// with its audit entry; DeleteProtectedDate removes it with its entry.
	SaveProtectedDate(ctx context.Context, p *ProtectedDate, e audit.Entry) error
	DeleteProtectedDate(ctx context.Context, id int64, e audit.Entry) error
}

// ProtectedDate is a day or span the secretariat keeps free of other
// events: the Nordic Council session week, 18 October (EU Anti-Trafficking
// Day), 30 July (World Day against Trafficking in Persons).
type ProtectedDate struct {
	ID int64
	// Names holds the name per language; at least English or the
	// secretariat's own language.
	Names lang.Texts
	// First and Last bound the span. For Yearly dates only month and day
	// count and the span recurs every year.
	First, Last Date
	Yearly      bool
	Version     int
	UpdatedAt   time.Time
}

// Name returns the name in l with the usual fallback.
func (p ProtectedDate) Name(l lang.Code) (string, lang.Code) { return p.Names.Get(l, lang.EN) }

// Occurrences returns each span of p that touches first..last.
func (p ProtectedDate) Occurrences(first, last Date) [][2]Date {
	if !p.Yearly {
		if p.Last.Before(first) || p.First.After(last) {
			return nil
		}
		return [][2]Date{{p.First, p.Last}}
	}
	var out [][2]Date
	span := p.First.DaysUntil(p.Last)
	for y := first.Year - 1; y <= last.Year; y++ {
		start := Date{y, p.First.Month, p.First.Day}
		if p.First.Month == time.February && p.First.Day == 29 && !isLeap(y) {
			start = Date{y, time.February, 28}
		}
		end := start.AddDays(span)
		if end.Before(first) || start.After(last) {
			continue
		}
		out = append(out, [2]Date{start, end})
	}
	return out
}

// Validate checks p and returns an apperr Invalid error naming each bad field.
func (p *ProtectedDate) Validate() error {
	f := apperr.Fields{}
	named := false
	for l, n := range p.Names {
		n = strings.TrimSpace(n)
		p.Names[l] = n
		if _, ok := lang.Parse(string(l)); !ok || len([]rune(n)) > MaxShort || hasControl(n, false) {
			f.Add("name_"+string(l), "validation.text")
		}
		if n != "" {
			named = true
		} else {
			delete(p.Names, l)
		}
	}
	if !named {
		f.Add("name_en", "validation.required")
	}
	switch {
	case p.First.IsZero():
		f.Add("first", "validation.required")
	case p.Last.IsZero():
		f.Add("last", "validation.required")
	case p.Last.Before(p.First):
		f.Add("last", "validation.end_before_start")
	case p.First.DaysUntil(p.Last) > 31:
		f.Add("last", "validation.too_long_span")
	case p.First.Year < 2000 || p.First.Year > 2100:
		f.Add("first", "validation.date_range")
	}
	return f.Err("validation.failed")
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// ProtectedDates returns the protected dates.
func (s *Service) ProtectedDates(ctx context.Context) ([]ProtectedDate, error) {
	return s.store.ProtectedDates(ctx)
}

// SaveProtectedDate validates and stores p with an audit entry.
func (s *Service) SaveProtectedDate(ctx context.Context, actor audit.Actor, p *ProtectedDate) error {
	if err := p.Validate(); err != nil {
		return err
	}
	name, _ := p.Name(lang.EN)
	entry := audit.Entry{Actor: actor, Action: "protected_date.save", RecordType: "protected_date", RecordID: p.ID, RecordLabel: name,
		Changes: []audit.Change{{Field: "first", After: p.First.String()}, {Field: "last", After: p.Last.String()},
			{Field: "yearly", After: strconv.FormatBool(p.Yearly)}}}
	return s.store.SaveProtectedDate(ctx, p, entry)
}

// DeleteProtectedDate removes protected date id with an audit entry.
func (s *Service) DeleteProtectedDate(ctx context.Context, actor audit.Actor, id int64) error {
	return s.store.DeleteProtectedDate(ctx, id, audit.Entry{Actor: actor, Action: "protected_date.delete",
		RecordType: "protected_date", RecordID: id})
}
