// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
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
			// The links of a list name the request's own parameters, lang too.
			body := func(target string, hdr ...string) string {
				return withoutLinks(t, a.get(t, target, http.StatusOK, hdr...))
			}
			plain := body(path)
			browser := body(path, "Accept-Language", "fi-FI,fi;q=0.9", "Cookie", "lang=fi")
			if browser != plain {
				t.Errorf("Accept-Language or the cookie changed the answer")
			}
			if explicit := body(path + sep + "lang=en"); explicit != plain {
				t.Errorf("without ?lang= the answer must be in the default language (en)")
			}
			fi := body(path + sep + "lang=fi")
			if nb := body(path + sep + "lang=nb"); nb != body(path+sep+"lang=no") {
				t.Errorf("lang=nb and lang=no must give the same answer")
			}
			if fi == plain && !strings.Contains(path, "people") && !strings.Contains(path, "organisations") {
				t.Errorf("?lang=fi gave the English answer")
			}
			a.get(t, path+sep+"lang=de", http.StatusBadRequest)
		})
	}
}

// withoutLinks is the body of rec, without the page links when it is a
// JSON list.
func withoutLinks(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		return rec.Body.String()
	}
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "links")
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
