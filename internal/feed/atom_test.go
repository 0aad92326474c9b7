// SPDX-License-Identifier: AGPL-3.0-or-later

package feed_test

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/lang"
)

// parsedAtom is what an Atom reader sees: the RFC 4287 elements this feed
// must carry, read back with encoding/xml.
type parsedAtom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID        string     `xml:"id"`
		Title     parsedText `xml:"title"`
		Updated   string     `xml:"updated"`
		Published string     `xml:"published"`
		Link      struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary parsedText  `xml:"summary"`
		Content *parsedText `xml:"content"`
	} `xml:"entry"`
}

type parsedText struct {
	Type  string `xml:"type,attr"`
	Lang  string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Value string `xml:",chardata"`
}

func testAtom(l lang.Code) feed.Atom {
	return feed.Atom{
		Authority: "nordcal.example.org", Key: "?lang=" + string(l), Title: "Nordic anti-trafficking calendar", Lang: l,
		SelfURL: "https://nordcal.example.org/feeds/events.atom?lang=" + string(l),
		PageURL: "https://nordcal.example.org/" + string(l) + "/events",
		Author:  "Nordic anti-trafficking calendar", AuthorURL: "https://nordcal.example.org/",
		EventURL: func(e calendar.Event) string {
			return "https://nordcal.example.org/" + string(l) + "/events/" + e.UID
		},
		Summary: func(e calendar.Event) string {
			return "When: " + e.Start.UTC().Format(time.DateTime) + " (" + e.Zone + ")"
		},
		CancelledPrefix: "Cancelled: ",
		Category:        map[calendar.Category]string{calendar.Conference: "Conference"},
	}
}

func atomEvents() []calendar.Event {
	conf, web, canc, tent := conferenceEvent(), hybridEvent(), cancelledEvent(), tentativeEvent()
	web.UpdatedAt = stamp.Add(time.Hour)
	canc.UpdatedAt = stamp.Add(2 * time.Hour)
	tent.UpdatedAt = stamp.Add(-time.Hour)
	pending := base(199, "Pending")
	pending.Status = calendar.Pending
	return []calendar.Event{conf, web, canc, tent, pending, fallbackEvent()}
}

func writeAtom(t *testing.T, a feed.Atom, evs []calendar.Event) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := feed.WriteAtom(&buf, a, evs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestAtomHasTheRequiredElements reads a feed back and checks what RFC 4287
// requires (feed: id, title, updated, author, self link; entry: id, title,
// updated, alternate link, summary) plus our choices: newest change first,
// stable tag: ids from the UID, xml:lang on every text, only public events.
func TestAtomHasTheRequiredElements(t *testing.T) {
	evs := atomEvents()
	body := writeAtom(t, testAtom(lang.NO), evs)
	var f parsedAtom
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatalf("does not parse: %v\n%s", err, body)
	}
	if f.ID != "tag:nordcal.example.org,2025:feeds/events.atom?lang=no" || f.Title == "" || f.Author.Name == "" || f.Lang != "nb" {
		t.Errorf("feed id %q title %q author %q lang %q", f.ID, f.Title, f.Author.Name, f.Lang)
	}
	rels := map[string]string{}
	for _, l := range f.Links {
		rels[l.Rel] = l.Href
	}
	if rels["self"] != "https://nordcal.example.org/feeds/events.atom?lang=no" || rels["alternate"] != "https://nordcal.example.org/no/events" {
		t.Errorf("links %v", rels)
	}
	// The newest entry's updated, because none was given.
	if f.Updated != stamp.Add(2*time.Hour).UTC().Format(time.RFC3339) {
		t.Errorf("feed updated %q", f.Updated)
	}
	var ids []string
	for _, e := range f.Entries {
		ids = append(ids, e.ID)
		for name, v := range map[string]string{"id": e.ID, "title": e.Title.Value, "updated": e.Updated,
			"published": e.Published, "link": e.Link.Href, "summary": e.Summary.Value, "title lang": e.Title.Lang, "summary lang": e.Summary.Lang} {
			if v == "" {
				t.Errorf("entry %s has no %s", e.ID, name)
			}
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("updated %q: %v", e.Updated, err)
		}
		if e.Link.Rel != "alternate" || e.Summary.Lang != "nb" {
			t.Errorf("entry %s: link rel %q summary lang %q", e.ID, e.Link.Rel, e.Summary.Lang)
		}
	}
	want := []string{
		"tag:nordcal.example.org,2025:event/evt-103@nordcal.example.org", // cancelled, updated +2h
		"tag:nordcal.example.org,2025:event/evt-102@nordcal.example.org", // +1h
	}
	if len(ids) != 5 || ids[0] != want[0] || ids[1] != want[1] {
		t.Fatalf("entry ids %q, want 5 public ones starting %q", ids, want)
	}
	first := f.Entries[0]
	if !strings.HasPrefix(first.Title.Value, "Cancelled: ") || first.Title.Lang != "en" {
		t.Errorf("cancelled entry title %q (%s)", first.Title.Value, first.Title.Lang)
	}
	if first.Published != stamp.Add(-30*24*time.Hour).UTC().Format(time.RFC3339) {
		t.Errorf("published %q, want the creation time", first.Published)
	}
	for _, e := range f.Entries {
		if strings.HasSuffix(e.ID, "evt-101@nordcal.example.org") {
			// No Norwegian text: the original, Finnish, tagged as such.
			if e.Title.Lang != "fi" || e.Content == nil || e.Content.Lang != "fi" || !strings.Contains(e.Content.Value, "Kolmipäiväinen") {
				t.Errorf("conference entry: title lang %q content %+v", e.Title.Lang, e.Content)
			}
		}
	}
	if again := writeAtom(t, testAtom(lang.NO), []calendar.Event{evs[5], evs[3], evs[2], evs[1], evs[0], evs[4]}); !bytes.Equal(body, again) {
		t.Error("the same events in another order give other bytes")
	}
}

// TestAtomEscapesHostileText: markup and control characters in titles and
// descriptions stay text.
func TestAtomEscapesHostileText(t *testing.T) {
	e := base(300, `</title><script>alert(1)</script>`+"\x00\x1b")
	e.Texts[lang.EN] = calendar.Text{Title: e.Texts[lang.EN].Title, Description: "a ]]> b & <c>\x07"}
	body := writeAtom(t, testAtom(lang.EN), []calendar.Event{e})
	if bytes.Contains(body, []byte("<script>")) || bytes.ContainsAny(body, "\x00\x1b\x07") {
		t.Fatalf("hostile text came through:\n%s", body)
	}
	var f parsedAtom
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatal(err)
	}
	if got := f.Entries[0].Title.Value; got != `</title><script>alert(1)</script>` {
		t.Errorf("title read back as %q", got)
	}
}

// TestAtomPassesFeedparser runs Universal Feed Parser (python3-feedparser)
// on a feed: it must read it without complaint (bozo 0) and find every
// entry with its id, title and link. Without feedparser the test is
// skipped, except under CI, where it fails.
func TestAtomPassesFeedparser(t *testing.T) {
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import feedparser").Run() != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3-feedparser is not installed (apt-get install python3-feedparser)")
		}
		t.Skip("python3-feedparser is not installed (apt-get install python3-feedparser)")
	}
	for _, l := range lang.All {
		t.Run(string(l), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "events.atom")
			if err := os.WriteFile(path, writeAtom(t, testAtom(l), append(atomEvents(), lettersEvents()...)), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(py, "-c", feedparserCheck, path).CombinedOutput()
			if err != nil {
				t.Fatalf("feedparser: %v\n%s", err, out)
			}
		})
	}
}

const feedparserCheck = `
import sys, feedparser
d = feedparser.parse(sys.argv[1])
assert d.bozo == 0, d.get("bozo_exception")
assert d.version == "atom10", d.version
assert d.feed.id and d.feed.title and d.feed.updated and d.feed.author, d.feed
assert len(d.entries) >= 5, len(d.entries)
for e in d.entries:
    assert e.id.startswith("tag:") and e.title and e.link and e.updated and e.published and e.summary, e
`
