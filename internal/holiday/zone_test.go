// SPDX-License-Identifier: AGPL-3.0-or-later

package holiday_test

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/holiday"
)

const dumpEnv = "NORDCAL_HOLIDAY_DUMP"

// TestZoneIndependence runs the package's results in child processes with
// different TZ values (so time.Local, which the library computes in, differs)
// and requires the same dates everywhere. Atlantic/Azores skips midnight on
// the last Sunday of March, which was Easter Sunday in 2013 and 2024;
// America/Santiago and America/Asuncion skip midnight too; Kiritimati
// (UTC+14) and Pago Pago (UTC-11) are the extremes.
//
// The years start in 1996: Kiritimati skipped the whole of 31 December 1994
// when it crossed the date line, and a day that never began in time.Local
// cannot be recovered from the library's result (see civilDate).
func TestZoneIndependence(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	zones := []string{"UTC", "Atlantic/Azores", "America/Santiago", "America/Asuncion", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Helsinki"}
	var want []string
	for _, z := range zones {
		loc, err := time.LoadLocation(z)
		if err != nil {
			t.Skipf("no zone data for %s: %v", z, err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestDumpHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TZ="+z, dumpEnv+"=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("TZ=%s: child failed: %v\n%s", z, err, out)
		}
		var got []string
		for _, line := range strings.Split(string(out), "\n") {
			if s, ok := strings.CutPrefix(line, "H "); ok {
				got = append(got, s)
			}
		}
		// Make sure the child really computed in z.
		_, wantOff := time.Date(2026, 1, 1, 0, 0, 0, 0, loc).Zone()
		if len(got) == 0 || got[0] != fmt.Sprintf("offset %d", wantOff) {
			t.Fatalf("TZ=%s: child did not run in the zone (want offset %d)", z, wantOff)
		}
		got = got[1:]
		if want == nil {
			want = got
			continue
		}
		if !slices.Equal(got, want) {
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Fatalf("TZ=%s differs from TZ=%s: got %q, want %q", z, zones[0], got[i], want[i])
				}
			}
			t.Fatalf("TZ=%s: %d lines, TZ=%s: %d", z, len(got), zones[0], len(want))
		}
	}
	if !slices.Contains(want, "FI 2024-03-31 holiday.easter_sunday true") {
		t.Errorf("dump lacks Easter Sunday 2024 in Finland")
	}
}

// TestDumpHelper prints every holiday of 1996-2060 when run as the child of
// TestZoneIndependence; otherwise it does nothing.
func TestDumpHelper(t *testing.T) {
	if os.Getenv(dumpEnv) != "1" {
		t.Skip("helper for TestZoneIndependence")
	}
	_, off := time.Date(2026, 1, 1, 0, 0, 0, 0, time.Local).Zone()
	fmt.Printf("H offset %d\n", off)
	h := holiday.New()
	for _, c := range withCalendar {
		for y := 1996; y <= 2060; y++ {
			for _, x := range h.Between(c, calendar.Date{Year: y, Month: 1, Day: 1}, calendar.Date{Year: y, Month: 12, Day: 31}) {
				fmt.Printf("H %s %s %s %t\n", c, x.Date, x.NameID, x.Official)
			}
		}
	}
}
