// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"slices"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// AtomType is the media type of Atom feeds.
const AtomType = "application/atom+xml; charset=utf-8"

// atomNS is the Atom namespace (RFC 4287).
const atomNS = "http://www.w3.org/2005/Atom"

// tagDate is the date part of every tag: URI the feeds mint (RFC 4151):
// the year nordcal began using its names. It never changes, so ids stay.
const tagDate = "2025"

// Atom describes one Atom (RFC 4287) feed of events: the same selection as
// an iCal feed, for feed readers and for sites that show news.
type Atom struct {
	// Authority is the host name in the tag: URIs of the feed and its
	// entries (the base URL's host), e.g. "calendar.example.org".
	Authority string
	// Key identifies the feed among the site's feeds (its filter and
	// language), the specific part of the feed's id.
	Key string
	// Title is the feed title, already localised; Lang its language.
	Title string
	Lang  lang.Code
	// SelfURL is the feed's own address; PageURL the web page that lists
	// the same events.
	SelfURL, PageURL string
	// Author names who publishes the feed (the site); AuthorURL is its home.
	Author, AuthorURL string
	// Updated is when the feed last changed; the zero time takes the
	// newest entry's (or, without entries, the Unix epoch).
	Updated time.Time
	// EventURL returns the public page of an event (required).
	EventURL func(calendar.Event) string
	// Summary returns an event's summary in Lang: its dates with the zone,
	// and its place (required).
	Summary func(calendar.Event) string
	// CancelledPrefix goes before the titles of cancelled events.
	CancelledPrefix string
	// Category labels the events' categories; a missing one shows the code.
	Category map[calendar.Category]string
}

// EntryID is the stable Atom id of the event with uid: a tag: URI built
// from the authority and the event's UID, which never changes.
func EntryID(authority, uid string) string {
	return "tag:" + authority + "," + tagDate + ":event/" + url.PathEscape(uid)
}

type atomText struct {
	Type  string `xml:"type,attr,omitempty"`
	Lang  string `xml:"xml:lang,attr,omitempty"`
	Value string `xml:",chardata"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
	Href     string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID        string         `xml:"id"`
	Title     atomText       `xml:"title"`
	Updated   string         `xml:"updated"`
	Published string         `xml:"published"`
	Link      atomLink       `xml:"link"`
	Category  []atomCategory `xml:"category"`
	Summary   atomText       `xml:"summary"`
	Content   *atomText      `xml:"content,omitempty"`
}

type atomFeed struct {
	XMLName   xml.Name    `xml:"feed"`
	NS        string      `xml:"xmlns,attr"`
	Lang      string      `xml:"xml:lang,attr"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

// atomTime writes an instant as RFC 3339 in UTC, to the second.
func atomTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// entryUID names an entry: the event's UID, and for a date of a series the
// series' UID with the date's key, since a feed reader lists each date.
func entryUID(e calendar.Event) string {
	if e.RecurrenceKey != "" {
		return cleanLine(e.UID) + "/" + e.RecurrenceKey
	}
	return cleanLine(e.UID)
}

// WriteAtom serialises the public events among events as one Atom feed to
// w, newest change first (updated, then UID). Like Write it is
// byte-stable and cleans every text of control characters; XML escaping
// is encoding/xml's. It returns an error when an event has no UID or two
// share one, and when w fails.
func WriteAtom(w io.Writer, a Atom, events []calendar.Event) error {
	pub := make([]*calendar.Event, 0, len(events))
	seen := make(map[string]bool, len(events))
	for i := range events {
		e := &events[i]
		if !e.IsPublic() {
			continue
		}
		uid := entryUID(*e)
		if cleanLine(e.UID) == "" {
			return fmt.Errorf("feed: event %d has no UID", e.ID)
		}
		if seen[uid] {
			return fmt.Errorf("feed: two events have the UID %q", uid)
		}
		seen[uid] = true
		pub = append(pub, e)
	}
	slices.SortFunc(pub, func(x, y *calendar.Event) int {
		return cmp.Or(y.UpdatedAt.Compare(x.UpdatedAt), cmp.Compare(entryUID(*x), entryUID(*y)))
	})
	updated := a.Updated
	if updated.IsZero() {
		updated = time.Unix(0, 0)
		if len(pub) > 0 {
			updated = pub[0].UpdatedAt
		}
	}
	f := atomFeed{
		NS: atomNS, Lang: a.Lang.Tag(),
		ID:      "tag:" + a.Authority + "," + tagDate + ":feeds/events.atom" + a.Key,
		Title:   atomText{Type: "text", Value: cleanLine(a.Title)},
		Updated: atomTime(updated),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: cleanURL(a.SelfURL)},
			{Rel: "alternate", Type: "text/html", HrefLang: a.Lang.Tag(), Href: cleanURL(a.PageURL)},
		},
		Author:    atomPerson{Name: cleanLine(a.Author), URI: cleanURL(a.AuthorURL)},
		Generator: "nordcal",
		Entries:   make([]atomEntry, 0, len(pub)),
	}
	for _, e := range pub {
		title, tl := e.Title(a.Lang)
		title = cleanLine(title)
		if e.Status == calendar.Cancelled {
			title = cleanLine(a.CancelledPrefix + title)
		}
		x := atomEntry{
			ID:        EntryID(a.Authority, entryUID(*e)),
			Title:     atomText{Type: "text", Lang: tl.Tag(), Value: title},
			Updated:   atomTime(e.UpdatedAt),
			Published: atomTime(e.CreatedAt),
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: cleanURL(a.EventURL(*e))},
			Summary:   atomText{Type: "text", Lang: a.Lang.Tag(), Value: cleanText(a.Summary(*e))},
		}
		if label := a.Category[e.Category]; e.Category != "" {
			x.Category = append(x.Category, atomCategory{Term: string(e.Category), Label: cleanLine(label)})
		}
		if d, dl := e.Description(a.Lang); d != "" {
			x.Content = &atomText{Type: "text", Lang: dl.Tag(), Value: cleanText(d)}
		}
		f.Entries = append(f.Entries, x)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	return nil
}
