// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"context"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

// atomPath is the public Atom feed URL path for f in language l.
func atomPath(f calendar.Filter, l lang.Code) string {
	q := f.Values()
	q.Set("lang", string(l))
	return "/feeds/events.atom?" + q.Encode()
}

// feedAtom serves the events of the iCal feed with the same filter and
// language as an Atom feed, newest change first, for feed readers.
func (s *Server) feedAtom(c echo.Context) error {
	return s.serveFeed(c, "atom", feed.AtomType, "nordcal.atom", s.atomEvents, func(fc feedContext) ([]byte, error) {
		l := fc.l
		q := fc.filter.Values()
		q.Set("lang", string(l.Lang))
		a := feed.Atom{
			Authority: s.BaseURL.Hostname(), Key: "?" + q.Encode(),
			Title: fc.name, Lang: l.Lang,
			SelfURL: s.abs(atomPath(fc.filter, l.Lang)), PageURL: fc.pageURL,
			Author: l.T("site.name"), AuthorURL: s.abs("/" + string(l.Lang) + "/"),
			Updated: fc.version.Modified,
			EventURL: func(e calendar.Event) string {
				if e.IsOccurrence() {
					return s.abs(seriesDatePath(l.Lang, e.SeriesID, e.RecurrenceKey))
				}
				return s.abs(eventPath(l.Lang, e.ID))
			},
			CancelledPrefix: l.T("feed.cancelled_prefix"),
			Category:        map[calendar.Category]string{},
		}
		for _, k := range calendar.Categories {
			a.Category[k] = l.T("category." + string(k))
		}
		a.Summary = func(e calendar.Event) string {
			v := eventView(l, e, nil)
			lines := []string{v.When}
			if v.ZoneLabel != "" {
				lines[0] = l.T("feed.atom_when_zone", "When", v.When, "Zone", v.ZoneLabel)
			}
			if e.Status != calendar.Published {
				lines = append(lines, v.Status)
			}
			lines = append(lines, v.Category)
			if v.Place != "" {
				lines = append(lines, v.Place)
			} else if e.Attendance == calendar.Online {
				lines = append(lines, v.Attendance)
			}
			return strings.Join(lines, "\n")
		}
		var buf bytes.Buffer
		err := feed.WriteAtom(&buf, a, fc.events)
		return buf.Bytes(), err
	})
}

// atomEvents are the entries of an Atom feed: one per date, a series'
// dates each their own entry, as Feed lists them.
func (s *Server) atomEvents(ctx context.Context, f calendar.Filter) ([]calendar.Event, int, int, error) {
	evs, total, err := s.Calendar.Feed(ctx, f)
	return evs, len(evs), total, err
}
