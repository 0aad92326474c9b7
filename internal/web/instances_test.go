// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

// TestTwoInstancesBehaveAsOne runs two application instances, each with its
// own connection pool, feed cache and page cache, on one database
// (PostgreSQL when NORDCAL_TEST_POSTGRES is set), and changes data through
// one.
func TestTwoInstancesBehaveAsOne(t *testing.T) {
	dsn := storetest.DSN(t)
	open := func() *store.DB {
		db, err := store.Open(context.Background(), dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return db
	}
	one := newAppOn(t, open())
	two := serve(t, open())
	e := one.ev["Helsinki conference"]

	feedBefore := two.get(t, "/feeds/events.ics?lang=en", http.StatusOK)
	two.get(t, "/feeds/events.ics?lang=en", http.StatusOK) // now cached on instance two
	eventPage := fmt.Sprintf("/en/events/%d", e.ID)
	monthPage := fmt.Sprintf("/en/calendar/%d/%02d", e.Start.Year(), e.Start.Month())
	for _, p := range []string{eventPage, monthPage} {
		two.page(t, p, http.StatusOK)
		two.page(t, p, http.StatusOK) // cached on instance two
	}

	ev, err := one.db.EventByID(context.Background(), e.ID)
	if err != nil {
		t.Fatal(err)
	}
	ev.Texts[lang.EN] = calendar.Text{Title: "Renamed through instance one"}
	if err := one.cal.Edit(context.Background(), audit.CLI, &ev); err != nil {
		t.Fatal(err)
	}

	// The other instance (PostgreSQL) or process (one SQLite file, an
	// overlapping restart) notices within store.RecheckEvery.
	time.Sleep(store.RecheckEvery + 10*time.Millisecond)
	doc := two.page(t, eventPage, http.StatusOK)
	if h1 := doc.Find("h1").Text(); h1 != "Renamed through instance one" {
		t.Errorf("page on instance two: %q", h1)
	}
	if !strings.Contains(two.page(t, monthPage, http.StatusOK).Find("main").Text(), "Renamed through instance one") {
		t.Errorf("month page on instance two does not show the change")
	}
	rec := two.do(t, http.MethodGet, "/feeds/events.ics?lang=en", "If-None-Match", feedBefore.Header().Get("ETag"))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Renamed through instance one") {
		t.Errorf("feed on instance two after the change: %d, renamed=%v", rec.Code, strings.Contains(rec.Body.String(), "Renamed"))
	}
	var list struct {
		Events []struct {
			ID    int64  `json:"id"`
			Title string `json:"title"`
		} `json:"events"`
	}
	if err := json.Unmarshal(two.get(t, "/api/v1/events?lang=en", http.StatusOK).Body.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range list.Events {
		found = found || (x.ID == e.ID && x.Title == "Renamed through instance one")
	}
	if !found {
		t.Errorf("JSON on instance two does not show the change")
	}

	// A session started on one instance works on the other, and sign-in
	// failures on one count on the other.
	u := auth.User{Email: "admin@example.org", Name: "Admin", Role: auth.Admin}
	if err := one.auth().Create(context.Background(), audit.CLI, &u, testPassword); err != nil {
		t.Fatal(err)
	}
	ts1, ts2 := httptest.NewTLSServer(one.srv), httptest.NewTLSServer(two.srv)
	t.Cleanup(ts1.Close)
	t.Cleanup(ts2.Close)
	b := one.browser(t, ts1)
	if res := b.login("admin@example.org", testPassword); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in on one: %d", res.StatusCode)
	}
	u1, _ := url.Parse(ts1.URL)
	u2, _ := url.Parse(ts2.URL)
	b.c.Jar.SetCookies(u2, b.c.Jar.Cookies(u1))
	b.base = ts2.URL
	if res, _ := b.get("/admin/"); res.StatusCode != http.StatusOK {
		t.Errorf("the session from instance one on instance two: %d", res.StatusCode)
	}
	other := two.browser(t, ts1)
	for i := 0; i < auth.MaxAccountFailures; i++ {
		other.login("admin@example.org", "wrong wrong wrong")
	}
	other.base = ts2.URL
	if res := other.login("admin@example.org", testPassword); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("failures on instance one must throttle on instance two: %d", res.StatusCode)
	}
}
