// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

// Large feeds are written in parts at the same time, one per CPU; the
// bytes must not depend on how many parts there were.
func TestLargeFeedsDoNotDependOnTheNumberOfCPUs(t *testing.T) {
	evs := manyEvents(1000)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := write(t, testCalendar(lang.FI), evs)
	for _, n := range []int{2, 3, 4} {
		runtime.GOMAXPROCS(n)
		if got := write(t, testCalendar(lang.FI), evs); !bytes.Equal(one, got) {
			t.Fatalf("with %d CPUs:\n%s", n, diff(one, got))
		}
	}
	parse(t, one)
}

func TestLargeFeedsReportWriterErrors(t *testing.T) {
	evs := manyEvents(1000)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	// In the calendar's header, in the first part, in a later part.
	for _, after := range []int{10, 100_000, 800_000} {
		if err := feed.Write(&failingWriter{after}, testCalendar(lang.FI), evs); err == nil {
			t.Errorf("no error when the writer fails after %d bytes", after)
		}
	}
}
