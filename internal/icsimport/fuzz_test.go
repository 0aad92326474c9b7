// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed/feedtest"
	"github.com/nordcal/nordcal/internal/icsimport"
	"github.com/nordcal/nordcal/internal/lang"
)

// FuzzParse feeds Parse every fixture and mutations of them: it must not
// panic, must return either drafts or an *Error with a known message ID,
// and every draft must have a title and an end after its start.
func FuzzParse(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.ics"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(vcal(event("UID:r", "SUMMARY:Rule", "DTSTART;VALUE=DATE:20251202", "RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYSETPOS=1;COUNT=3",
		"EXDATE;TZID=Europe/Oslo:20260130T000000", "RDATE;VALUE=PERIOD:20251209T100000Z/PT1H")...)))
	f.Add([]byte(vcal(event("SUMMARY;LANGUAGE=\"sv\":Möte", "RECURRENCE-ID;RANGE=THISANDFUTURE:20251202T100000", "DURATION:P1DT2H")...)))
	f.Add([]byte(vcal(append(
		event("UID:s", "SUMMARY:Series", `DTSTART;TZID="W. Europe Standard Time":20251201T090000`, "DURATION:PT1H",
			"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20260301T000000Z;WKST=SU", "EXDATE;VALUE=DATE:20251204"),
		event("UID:s", "SUMMARY:Moved", "STATUS:CANCELLED", `RECURRENCE-ID;TZID="W. Europe Standard Time":20251215T090000`, "DTSTART:20251216T080000Z")...)...)))
	f.Add([]byte(vcal(event("UID:a", "SUMMARY:All day", "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE", "DTSTART;TZID=Europe/Oslo:20251202T000000",
		"DTEND;TZID=Europe/Oslo:20251204T000000", "RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1,2;BYSETPOS=-1;COUNT=4")...)))
	f.Add([]byte(vcal(event("UID:d", "SUMMARY:Daily", "DTSTART:20251202", "RRULE:FREQ=DAILY;BYWEEKNO=1,-1;BYYEARDAY=-1,1;UNTIL=20281231")...)))
	// A nordcal feed, so that the mutations reach the reading back of
	// generated text.
	f.Add([]byte(writeOwn(f, lang.FI, ownEvents())))
	own := feedtest.Recogniser(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := icsimport.Options{Lang: "fi", Zone: "Europe/Helsinki", Now: now, MaxEvents: 50, MaxOccurrences: 30, Own: own}
		items, err := icsimport.Parse(bytes.NewReader(data), opt)
		if err != nil {
			var ie *icsimport.Error
			if !errors.As(err, &ie) {
				t.Fatalf("error %T %v is not *icsimport.Error", err, err)
			}
			if !strings.HasPrefix(ie.MsgID, "import.error.") || !slices.Contains(icsimport.MessageIDs, ie.MsgID) {
				t.Fatalf("message ID %q", ie.MsgID)
			}
			if ie.Line < 0 || (ie.Line > 0 && ie.Args["Line"] != ie.Line) {
				t.Fatalf("line %d, args %v", ie.Line, ie.Args)
			}
			if items != nil {
				t.Fatalf("items with an error")
			}
			return
		}
		if len(items) == 0 || len(items) > opt.MaxEvents {
			t.Fatalf("%d items", len(items))
		}
		for _, it := range items {
			e := it.Event
			if it.Line < 1 || e.UID == "" {
				t.Fatalf("line %d UID %q", it.Line, e.UID)
			}
			if strings.TrimSpace(e.Texts[e.OriginalLang].Title) == "" {
				t.Fatalf("no title: %+v", e)
			}
			if _, err := calendar.LoadZone(e.Zone); err != nil {
				t.Fatalf("zone %q", e.Zone)
			}
			if e.AllDay {
				if e.StartDate.IsZero() || e.EndDate.Before(e.StartDate) {
					t.Fatalf("days %s–%s", e.StartDate, e.EndDate)
				}
			} else if !e.End.After(e.Start) || e.Start.Location() != time.UTC || e.End.Location() != time.UTC {
				t.Fatalf("times %s–%s", e.Start, e.End)
			}
			switch e.Status {
			case calendar.Published, calendar.Tentative, calendar.Cancelled:
			default:
				t.Fatalf("status %q", e.Status)
			}
		}
	})
}
