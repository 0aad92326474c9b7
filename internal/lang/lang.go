// SPDX-License-Identifier: AGPL-3.0-or-later

// Package lang names the five languages nordcal speaks and holds text that
// exists in several of them.
package lang

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Code is a language code used in URLs, locale files and stored content.
// Norwegian (bokmål) is "no".
type Code string

// The five languages of the interface and of translated content.
const (
	EN Code = "en"
	FI Code = "fi"
	SV Code = "sv"
	DA Code = "da"
	NO Code = "no"
)

// Tag is c as a BCP 47 tag, for lang and hreflang attributes and iCal's
// LANGUAGE: Norwegian is "nb" (bokmål) there, while URLs, files and
// stored content say "no". Other codes are returned as they are.
func (c Code) Tag() string {
	if c == NO {
		return "nb"
	}
	return string(c)
}

// All lists the languages in the order they are offered to users.
var All = []Code{FI, SV, DA, NO, EN}

// Parse returns the Code for s, or false when s is not one of the five.
func Parse(s string) (Code, bool) {
	c := Code(strings.ToLower(strings.TrimSpace(s)))
	for _, k := range All {
		if k == c {
			return c, true
		}
	}
	return "", false
}

// Resolve is Parse that also accepts the other names of Norwegian
// (nb, nn, nb-NO, nn-NO, no-NO), which all mean "no" here. alias reports
// that s was not the canonical code, so URLs can redirect to it.
func Resolve(s string) (c Code, alias, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "nb", "nn", "nb-no", "nn-no", "no-no":
		return NO, true, true
	}
	if c, ok := Parse(s); ok {
		return c, string(c) != s, true
	}
	return "", false, false
}

// Texts holds one string per language; missing languages are absent keys.
type Texts map[Code]string

// Get returns the text in want; when it is missing, the text in original,
// then English, then the first language in All that has one. The returned
// code tells which language the text is in, so callers can mark fallbacks.
func (t Texts) Get(want, original Code) (string, Code) {
	return Choose(want, original, func(c Code) string { return t[c] })
}

// Choose returns the first non-blank value of text in the order Get
// follows, without building a map or a list: titles are looked up for
// every event of every page and feed.
func Choose(want, original Code, text func(Code) string) (string, Code) {
	for _, c := range [3]Code{want, original, EN} {
		if s := strings.TrimSpace(text(c)); s != "" {
			return s, c
		}
	}
	for _, c := range All {
		if s := strings.TrimSpace(text(c)); s != "" {
			return s, c
		}
	}
	return "", want
}

// Fold lower-cases s and strips diacritics so that searches match
// "makela" to "Mäkelä" and "jamstalldhet" to "Jämställdhet". The Nordic
// letters that are not composed characters (ø, æ, ð, þ) are mapped to
// their usual ASCII spellings.
//
// Plain ASCII needs only lower-casing, and the Unicode pass reuses its
// transformers: the clash check folds the city of every event it reads,
// and a new chain costs more than the folding itself.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	t := unaccent.Get().(transform.Transformer)
	out, _, err := transform.String(t, s)
	unaccent.Put(t)
	if err != nil {
		out = s
	}
	return foldReplacer.Replace(strings.ToLower(out))
}

// unaccent holds transformers that strip diacritics; transform.String
// resets one before use.
var unaccent = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

var foldReplacer = strings.NewReplacer("ø", "o", "æ", "ae", "ð", "d", "þ", "th", "ß", "ss", "đ", "d", "ł", "l")
