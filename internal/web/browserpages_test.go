// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// browserPages is .ci/browser/pages.json: the pages the browser suite
// scans with axe in every language, and the routes it leaves out.
type browserPages struct {
	Pages []struct {
		Route, Path, Name string
		SignedIn          bool
	}
	Excluded []struct{ Route, Reason string }
}

// TestBrowserPageListCoversRoutes keeps the browser suite's page list in step
// with the route table: a new page cannot escape the accessibility scan.
func TestBrowserPageListCoversRoutes(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", ".ci", "browser", "pages.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list browserPages
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatalf("pages.json: %v", err)
	}
	listed := map[string]bool{}
	for _, p := range list.Pages {
		listed[p.Route] = true
		switch {
		case strings.HasPrefix(p.Route, "/:lang"):
			if !strings.HasPrefix(p.Path, "/{lang}/") {
				t.Errorf("pages.json: %q (%s) must start with /{lang}/", p.Path, p.Name)
			}
		case strings.HasPrefix(p.Route, "/admin"):
			if !strings.Contains(p.Path, "lang={lang}") {
				t.Errorf("pages.json: %q (%s) must choose the language with ?lang={lang}", p.Path, p.Name)
			}
		}
	}
	for _, x := range list.Excluded {
		if strings.TrimSpace(x.Reason) == "" {
			t.Errorf("pages.json: excluded route %q needs a reason", x.Route)
		}
		if listed[x.Route] {
			t.Errorf("pages.json: %q is both scanned and excluded", x.Route)
		}
		listed[x.Route] = true
	}
	routes := map[string]bool{}
	for _, r := range newApp(t).srv.Routes() {
		if r.Method != http.MethodGet {
			continue
		}
		routes[r.Path] = true
		if !listed[r.Path] {
			t.Errorf("GET %s is neither in .ci/browser/pages.json's pages (with an example URL) nor excluded with a reason", r.Path)
		}
	}
	for r := range listed {
		if !routes[r] {
			t.Errorf("pages.json names %q, which is not a GET route", r)
		}
	}
}
