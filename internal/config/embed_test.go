// SPDX-License-Identifier: AGPL-3.0-or-later

package config_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/config"
)

// TestEmbedOrigins: the sites that may embed the event list are origins
// and nothing more, since they go into the Content-Security-Policy header.
func TestEmbedOrigins(t *testing.T) {
	for _, tc := range []struct {
		name, val string
		want      []string
	}{
		{"unset: any site", "", nil},
		{"one origin", "https://partner.example.org", []string{"https://partner.example.org"}},
		{"several, spaced, upper case", " https://A.example.org , http://localhost:8081,", []string{"https://a.example.org", "http://localhost:8081"}},
		{"a wildcard subdomain", "https://*.example.fi", []string{"https://*.example.fi"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := config.Load(nil, env(map[string]string{"NORDCAL_EMBED_ORIGINS": tc.val}), &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.EmbedOrigins, tc.want) {
				t.Errorf("EmbedOrigins %q, want %q", c.EmbedOrigins, tc.want)
			}
		})
	}
	for _, bad := range []string{
		"*", "example.org", "ftp://example.org", "https://example.org/path", "https://example.org?x",
		"https://example.org; script-src *", "https://'self'", "https://example.org:0", "https://example.org:99999",
		"https://", "https://*.", "https://a..b", "https://user@example.org", "https://exa mple.org",
	} {
		_, err := config.Load(nil, env(map[string]string{"NORDCAL_EMBED_ORIGINS": bad}), &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "NORDCAL_EMBED_ORIGINS") {
			t.Errorf("%q: error %v should name NORDCAL_EMBED_ORIGINS", bad, err)
		}
	}
}
