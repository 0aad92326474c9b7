// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/emersion/go-vcard"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// addSwedes adds n public contacts in Sweden to d.
func addSwedes(t *testing.T, d *dirApp, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		p := directory.Person{GivenName: "Kontakt", FamilyName: fmt.Sprintf("Nummer%03d", i), Country: "SE",
			Visibility: directory.Public, LegalBasis: directory.PublicTask, LegalBasisDate: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC),
			Email: fmt.Sprintf("kontakt%03d@example.se", i)}
		if err := d.dir.AddPerson(context.Background(), audit.CLI, &p); err != nil {
			t.Fatal(err)
		}
	}
}

// TestContactExportsAreChargedPerPerson: the per-client budget counts the
// people an answer carries, not the requests, across every vCard and CSV
// export and the person pages.
func TestContactExportsAreChargedPerPerson(t *testing.T) {
	d := newDirApp(t)
	addSwedes(t, d, 0, 120) // with Åsa Öberg, 121 public contacts in Sweden
	fi := loadLocale(t, lang.FI)

	rec := d.from(t, "/fi/directory/countries/SE/csv", 0, http.StatusOK)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(rec.Body.Bytes(), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if people := len(rows) - 2; people != 121 { // header and the agency's row
		t.Fatalf("%d people in the export, want 121", people)
	}
	// The same client, one request later: 121 of its 150 are spent.
	rec = d.from(t, "/fi/directory/countries/SE/vcard", 0, http.StatusTooManyRequests)
	if rec.Header().Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	doc, err := goquery.NewDocumentFromReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Find("main").Text(); !strings.Contains(got, fi["error.contact_limit"].(string)) {
		t.Errorf("the 429 page does not explain the limit in Finnish: %q", strings.TrimSpace(got))
	}
	if l, _ := doc.Find("html").Attr("lang"); l != "fi" {
		t.Errorf("429 page in %q", l)
	}
	// Smaller answers still fit what is left, until it is spent.
	d.from(t, "/fi/directory/networks/nordic-coordinators/vcard", 0, http.StatusOK) // 2 people
	d.from(t, fmt.Sprintf("/fi/directory/people/%d", d.people["makela"].ID), 0, http.StatusOK)
	for i := 0; i < 13; i++ { // 13 × 2 coordinators: 121 + 2 + 1 + 26 = 150
		d.from(t, "/fi/directory/csv", 0, http.StatusOK)
	}
	d.from(t, fmt.Sprintf("/fi/directory/people/%d/vcard", d.people["makela"].ID), 0, http.StatusTooManyRequests)
	d.from(t, fmt.Sprintf("/fi/directory/people/%d", d.people["dahl"].ID), 0, http.StatusTooManyRequests)
	d.from(t, "/fi/search/csv?q=adviser", 0, http.StatusTooManyRequests)
	// Pages without contact details stay available, and other clients have
	// budgets of their own.
	d.from(t, "/fi/directory/countries/SE", 0, http.StatusOK)
	cards := parseCards(t, d.from(t, "/fi/directory/countries/SE/vcard", 1, http.StatusOK).Body.Bytes())
	if len(cards) != 121 || cards[0].Value(vcard.FieldEmail) == "" {
		t.Errorf("another client: %d cards", len(cards))
	}

	// A list larger than the whole budget is refused with advice.
	addSwedes(t, d, 120, 40)
	rec = d.from(t, "/fi/directory/countries/SE/csv", 2, http.StatusTooManyRequests)
	doc, _ = goquery.NewDocumentFromReader(rec.Body)
	if got := doc.Find("main").Text(); !strings.Contains(got, fi["error.contact_limit_large"].(string)) {
		t.Errorf("a list over the budget: %q", strings.TrimSpace(got))
	}
}
