// SPDX-License-Identifier: AGPL-3.0-or-later

package mail

import (
	"strings"
	"testing"
	"time"
)

func TestMessageRefusesHeaderInjection(t *testing.T) {
	tests := []struct {
		name, to, subject string
		ok                bool
	}{
		{"plain", "anna@example.org", "Tapahtuma: Ihmiskauppa", true},
		{"CRLF in subject", "anna@example.org", "Hi\r\nBcc: evil@example.com", false},
		{"LF in recipient", "anna@example.org\nBcc: evil@example.com", "Hi", false},
		{"display name smuggling", "Anna <anna@example.org>, evil@example.com", "Hi", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, err := build("calendar@example.org", Message{To: tt.to, Subject: tt.subject, Body: "Body\nline two"}, time.Unix(0, 0))
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if err != nil {
				return
			}
			s := string(msg)
			if !strings.Contains(s, "Subject: =?utf-8?q?") && !strings.Contains(s, "Subject: Tapahtuma") {
				t.Errorf("subject not encoded: %q", s)
			}
			if !strings.Contains(s, "Body\r\nline two") {
				t.Errorf("body lines not CRLF: %q", s)
			}
		})
	}
}
