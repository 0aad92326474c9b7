// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

// oneEventICS is a calendar file of one event with its own UID.
func oneEventICS(i int) string {
	return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n" +
		fmt.Sprintf("BEGIN:VEVENT\r\nUID:flood-%d@example.org\r\nDTSTAMP:20261101T000000Z\r\n", i) +
		fmt.Sprintf("DTSTART;VALUE=DATE:202704%02d\r\nDTEND;VALUE=DATE:202704%02d\r\n", 1+i%28, 2+i%28) +
		fmt.Sprintf("SUMMARY:Flood %d\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", i)
}

// TestCheckActionDoesNotBypassTheLimit: "check" writes nothing only on the
// registration form; an import or a manage save that says action=check
// stores like any other and must count against the registration limit.
func TestCheckActionDoesNotBypassTheLimit(t *testing.T) {
	a, ts, _, _ := newAdminApp(t)
	b := a.browser(t, ts)
	ctx := context.Background()
	before, _ := a.cal.PendingCount(ctx)
	limited := 0
	for i := range 30 {
		fields := importFields(a, b, "/en/events/import")
		fields.Set("action", "check")
		// A new address each time: only the per-address limit may stop them.
		fields.Set("submitter_email", fmt.Sprintf("flood%d@example.org", i))
		res, _ := postFile(t, b, "/en/events/import", fields, oneEventICS(i))
		if res.StatusCode == http.StatusTooManyRequests {
			limited++
		}
	}
	after, _ := a.cal.PendingCount(ctx)
	t.Logf("pending before %d, after 30 imports with action=check: %d (%d refused with 429)", before, after, limited)
	if after-before >= 30 || limited == 0 {
		t.Errorf("30 imports with action=check stored %d events, %d refused: the limiter was skipped", after-before, limited)
	}

	t.Run("checking dates on the registration form spends nothing of the registration limit", func(t *testing.T) {
		a, ts, _, _ := newAdminApp(t)
		c := a.browser(t, ts)
		for range 25 {
			form := registration(a, c)
			form.Set("action", "check")
			if res, _ := c.post("/en/events/new", form); res.StatusCode != http.StatusOK {
				t.Fatalf("check: %d", res.StatusCode)
			}
		}
		if n, _ := a.cal.PendingCount(ctx); n != 0 {
			t.Errorf("a check stored something: %d pending", n)
		}
		if res, doc := c.post("/en/events/new", registration(a, c)); res.StatusCode != http.StatusSeeOther {
			t.Errorf("submission after 25 checks: %d %q", res.StatusCode, texts(doc, ".error-summary"))
		}
	})
}
