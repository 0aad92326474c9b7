// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"strings"
	"unicode"

	"github.com/nordcal/nordcal/internal/directory"
)

// Recogniser reads back what a feed writes around an event's own data: the
// cancelled prefix of SUMMARY, the facts after the description in
// DESCRIPTION, and the place and online link joined in LOCATION. An import
// of a feed, or of a calendar program's copy of a subscribed feed (Outlook,
// Google Calendar and Thunderbird keep these three properties as they
// received them), then stores the event's own title, description and place,
// not the generated text a second time.
//
// It knows the words of every language it is given, because a file does
// not say which language's feed it was.
type Recogniser struct {
	vocabularies []vocabulary
	countries    map[string]directory.Country // cleaned name → code, every language
}

// vocabulary is one language's generated words, cleaned as they are
// written.
type vocabulary struct {
	// cancelled is the prefix as it stands before a title; "" when the
	// language has none.
	cancelled string
	labels    labels
}

// NewRecogniser returns a Recogniser for feeds written with any of strs
// (typically one Strings per language). Only the labels, the cancelled
// prefix and the country names are used.
func NewRecogniser(strs ...Strings) *Recogniser {
	r := &Recogniser{countries: map[string]directory.Country{}}
	for _, s := range strs {
		b := newBuilder(Calendar{Strings: s})
		v := vocabulary{labels: b.labels}
		// The prefix as Write leaves it before a title: cleaned with it,
		// spaces at the start trimmed, the space before the title kept.
		if p := strings.TrimSuffix(cleanLine(s.CancelledPrefix+"x"), "x"); strings.TrimSpace(p) != "" {
			v.cancelled = p
		}
		r.vocabularies = append(r.vocabularies, v)
		for code, name := range s.Country {
			if name = cleanLine(name); name != "" {
				r.countries[foldSpace(name)] = code
			}
		}
	}
	return r
}

// Title returns title without the cancelled prefix a feed puts before the
// titles of cancelled events, in any of the languages; ok reports that
// there was one. A title that took the prefix more than once (an earlier
// import stored it as part of the title) loses every one.
func (r *Recogniser) Title(title string) (string, bool) {
	found := false
	for {
		rest, ok := r.cutCancelled(title)
		if !ok {
			return title, found
		}
		title, found = rest, true
	}
}

func (r *Recogniser) cutCancelled(title string) (string, bool) {
	for _, v := range r.vocabularies {
		if v.cancelled == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(title, v.cancelled); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest), true
		}
	}
	return title, false
}

// Description splits desc, as a feed writes it, into the event's own
// description and the facts the feed adds after a blank line (organisers,
// online link, registration and deadline, and "More information: <event
// page>"). page is that event page; ok is false, and text is desc, when
// desc does not end with the facts of one of the languages. The facts are
// recognised only when they end with the event page: a description of
// one's own that ends with "Registration: <link>" stays whole.
func (r *Recogniser) Description(desc string) (text, page string, ok bool) {
	trimmed := strings.TrimRightFunc(desc, unicode.IsSpace)
	block, before := trimmed, ""
	if i := strings.LastIndex(trimmed, "\n\n"); i >= 0 {
		block, before = trimmed[i+2:], trimmed[:i]
	}
	lines := strings.Split(block, "\n")
	for _, v := range r.vocabularies {
		if page, ok := v.facts(lines); ok {
			return strings.TrimRightFunc(before, unicode.IsSpace), page, true
		}
	}
	return desc, "", false
}

// facts reports whether lines are the facts of builder.description in
// this language, in its order, each at most once and the event page last,
// and returns the page.
func (v vocabulary) facts(lines []string) (string, bool) {
	page, ok := labelled(lines[len(lines)-1], v.labels.moreInfo)
	if !ok || cleanURL(page) != page {
		return "", false
	}
	// Each fact, in the order description writes them, and whether its
	// value is a link.
	order := [...]struct {
		label string
		link  bool
	}{{v.labels.organisers, false}, {v.labels.online, true}, {v.labels.registration, true}, {v.labels.deadline, false}}
	next := 0
	for _, line := range lines[:len(lines)-1] {
		matched := false
		for next < len(order) && !matched {
			f := order[next]
			next++
			value, ok := labelled(line, f.label)
			matched = ok && (!f.link || cleanURL(value) == value)
		}
		if !matched {
			return "", false
		}
	}
	return page, true
}

// labelled returns the value of a "label: value" line. An empty label
// matches nothing: without it, a line of the facts cannot be told from a
// line of the description.
func labelled(line, label string) (string, bool) {
	if label == "" {
		return "", false
	}
	value, ok := strings.CutPrefix(line, label+": ")
	return value, ok && strings.TrimSpace(value) != ""
}

// Place is the place a LOCATION names, read back into an event's fields.
type Place struct {
	Venue, Address, City string
	Country              directory.Country
}

// Location reads back a LOCATION a feed wrote: the online part ("Online:
// <link>") and the country name, in any of the languages, come off the
// end, and what is left was the venue, address and city, joined with ", ".
// Which part was which cannot always be told (a venue may hold a comma
// itself), so the split is a guess that joins back into the same text: a
// single part is taken for the city, two for venue and city, more for
// venue, address and city, the address taking the middle ones.
func (r *Recogniser) Location(loc string) Place {
	var p Place
	parts := strings.Split(strings.TrimSpace(loc), ", ")
	if n := len(parts); n > 0 && r.isOnline(parts[n-1]) {
		parts = parts[:n-1]
	}
	if n := len(parts); n > 0 {
		if code, ok := r.countries[foldSpace(parts[n-1])]; ok {
			p.Country, parts = code, parts[:n-1]
		}
	}
	switch n := len(parts); {
	case n == 1:
		p.City = parts[0]
	case n >= 2:
		p.Venue, p.City = parts[0], parts[n-1]
		p.Address = strings.Join(parts[1:n-1], ", ")
	}
	return p
}

// isOnline reports the online part of a LOCATION: the label, alone or
// followed by the join link.
func (r *Recogniser) isOnline(part string) bool {
	for _, v := range r.vocabularies {
		if v.labels.online == "" {
			continue
		}
		if part == v.labels.online {
			return true
		}
		if u, ok := labelled(part, v.labels.online); ok && cleanURL(u) == u {
			return true
		}
	}
	return false
}

// foldSpace is s with every run of white space made one space, as an
// importer reads a one-line value.
func foldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
