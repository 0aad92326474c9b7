// SPDX-License-Identifier: AGPL-3.0-or-later

// Package feedtest gives tests the words the web layer passes to feeds,
// read from the real locale files, so that what is written and read back
// in tests is what subscribers get.
package feedtest

import (
	"sync"
	"testing"

	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/locales"
)

// Strings returns the feed words of l, with the message IDs the web layer
// reads them with (a web test checks the two agree).
func Strings(tb testing.TB, l lang.Code) feed.Strings {
	tb.Helper()
	b, err := bundle()
	if err != nil {
		tb.Fatal(err)
	}
	loc := b.For(l)
	return feed.LocalizedStrings(func(id string) string { return loc.T(id) }, loc.Date)
}

// bundle loads the locale files once for all tests.
var bundle = sync.OnceValues(func() (*i18n.Bundle, error) { return i18n.Load(locales.FS) })

// Recogniser returns a feed.Recogniser for the feeds of all five languages.
func Recogniser(tb testing.TB) *feed.Recogniser {
	tb.Helper()
	all := make([]feed.Strings, 0, len(lang.All))
	for _, l := range lang.All {
		all = append(all, Strings(tb, l))
	}
	return feed.NewRecogniser(all...)
}
