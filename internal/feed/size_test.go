// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"bytes"
	"compress/gzip"
	"testing"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

// gzipSize is how many bytes b takes gzipped as the server sends it.
func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// TestFeedSizes reports what feeds of many events weigh, plain and
// gzipped, and holds the bytes per event to a budget: a feed of the
// MaxFeedEvents cap must stay under 1 MB as calendar programs download it
// (gzip), and a feed of the few hundred events a real window holds under
// 1 MB even uncompressed. Run with -v to see the figures.
func TestFeedSizes(t *testing.T) {
	for _, n := range []int{300, calendar.MaxFeedEvents, 10000} {
		evs := manyEvents(n)
		var ics, atom bytes.Buffer
		if err := feed.Write(&ics, testCalendar(lang.FI), evs); err != nil {
			t.Fatal(err)
		}
		if err := feed.WriteAtom(&atom, testAtom(lang.FI), evs); err != nil {
			t.Fatal(err)
		}
		icsGz, atomGz := gzipSize(t, ics.Bytes()), gzipSize(t, atom.Bytes())
		t.Logf("%5d events: iCal %7d bytes (%4d per event), gzip %6d; Atom %7d bytes, gzip %6d",
			n, ics.Len(), ics.Len()/n, icsGz, atom.Len(), atomGz)
		if n <= calendar.MaxFeedEvents && (icsGz >= 1<<20 || atomGz >= 1<<20) {
			t.Errorf("%d events: gzipped feeds of %d and %d bytes, want under 1 MB", n, icsGz, atomGz)
		}
		if n <= 300 && (ics.Len() >= 1<<20 || atom.Len() >= 1<<20) {
			t.Errorf("%d events: feeds of %d and %d bytes, want under 1 MB", n, ics.Len(), atom.Len())
		}
	}
}
