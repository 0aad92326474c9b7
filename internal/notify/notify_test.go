// SPDX-License-Identifier: AGPL-3.0-or-later

package notify_test

import (
	"testing"

	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/notify"
	"github.com/nordcal/nordcal/locales"
)

// Changed fields are named in words, in the form's order, each once;
// fields nobody reads (sequence, unknown keys) are left out.
func TestChangedFieldsInWords(t *testing.T) {
	b, err := i18n.Load(locales.FS)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		l      lang.Code
		fields []string
		want   string
	}{
		{lang.EN, []string{"venue", "start", "end", "all_day"}, "start, end, venue"},
		{lang.EN, []string{"title_sv", "city", "unknown"}, "title (Swedish), city"},
		{lang.FI, []string{"venue", "start"}, "alkaa, tapahtumapaikka"},
		{lang.SV, []string{"online_url"}, "länk för digitalt deltagande"},
	}
	for _, tt := range tests {
		l := b.For(tt.l)
		if got := notify.ChangedFields(l, tt.fields); got != tt.want {
			t.Errorf("%s %v: %q, want %q", tt.l, tt.fields, got, tt.want)
		}
	}
}

func TestParseMode(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{{"immediate", true}, {"daily", true}, {"none", true}, {"", false}, {"Daily", false}, {"weekly", false}} {
		if _, ok := notify.ParseMode(tt.in); ok != tt.ok {
			t.Errorf("ParseMode(%q) ok=%v", tt.in, ok)
		}
	}
}
