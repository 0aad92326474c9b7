// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"net/http"
	"testing"
)

// TestSearchExportLinksKeepTheQuery: the export links of a search carry the
// same query, unescaped by the template.
func TestSearchExportLinksKeepTheQuery(t *testing.T) {
	d := newDirApp(t)
	doc := d.page(t, "/en/search?q=m%C3%A4kel%C3%A4", http.StatusOK)
	for sel, want := range map[string]string{
		".exports a[href*='/vcard']": "/en/search/vcard?q=m%C3%A4kel%C3%A4",
		".exports a[href*='/csv']":   "/en/search/csv?q=m%C3%A4kel%C3%A4",
	} {
		if href, _ := doc.Find(sel).Attr("href"); href != want {
			t.Errorf("%s: href %q, want %q", sel, href, want)
		}
	}
}
