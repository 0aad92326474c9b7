// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestFeedsAndAPIFollowOneLanguageRule: every feed and API answer is in
// ?lang= or else in the configured default language; the browser's
// Accept-Language and the language cookie never change the bytes.
func TestFeedsAndAPIFollowOneLanguageRule(t *testing.T) {
	a := newApp(t)
	id := a.ev["Helsinki conference"].ID
	for _, path := range []string{
		"/feeds/events.ics", fmt.Sprintf("/events/%d.ics", id), "/api/v1/events",
		"/api/v1/clashes?start=2026-11-26&country=FI&category=conference",
		"/api/v1/organisations", "/api/v1/people",
	} {
		t.Run(path, func(t *testing.T) {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			plain := a.get(t, path, http.StatusOK).Body.String()
			browser := a.get(t, path, http.StatusOK, "Accept-Language", "fi-FI,fi;q=0.9", "Cookie", "lang=fi").Body.String()
			if browser != plain {
				t.Errorf("Accept-Language or the cookie changed the answer")
			}
			if explicit := a.get(t, path+sep+"lang=en", http.StatusOK).Body.String(); explicit != plain {
				t.Errorf("without ?lang= the answer must be in the default language (en)")
			}
			fi := a.get(t, path+sep+"lang=fi", http.StatusOK).Body.String()
			if nb := a.get(t, path+sep+"lang=nb", http.StatusOK).Body.String(); nb != a.get(t, path+sep+"lang=no", http.StatusOK).Body.String() {
				t.Errorf("lang=nb and lang=no must give the same answer")
			}
			if fi == plain && !strings.Contains(path, "people") && !strings.Contains(path, "organisations") {
				t.Errorf("?lang=fi gave the English answer")
			}
			a.get(t, path+sep+"lang=de", http.StatusBadRequest)
		})
	}
}
