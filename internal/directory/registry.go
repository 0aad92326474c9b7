// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"strings"
	"unicode"
)

// registry is how one country's business registry numbers organisations:
// how many digits, how the number is written, and its check.
type registry struct {
	digits int
	// format writes the digits the way the registry prints them.
	format func(d string) string
	// valid checks the check digit(s) of d (digits only, right length).
	valid func(d []int) bool
}

// registries are the national registry identifiers nordcal checks: FI
// Y-tunnus (also used on Åland), SE organisationsnummer, DK CVR-nummer, NO
// organisasjonsnummer and IS kennitala.
var registries = map[Country]registry{
	"FI": {8, func(d string) string { return d[:7] + "-" + d[7:] }, validYTunnus},
	"AX": {8, func(d string) string { return d[:7] + "-" + d[7:] }, validYTunnus},
	"SE": {10, func(d string) string { return d[:6] + "-" + d[6:] }, validLuhn},
	"DK": {8, func(d string) string { return d }, validCVR},
	"NO": {9, func(d string) string { return d }, validOrgnr},
	"IS": {10, func(d string) string { return d[:6] + "-" + d[6:] }, validKennitala},
}

// HasRegistry reports whether nordcal knows the registry identifiers of c.
func HasRegistry(c Country) bool { _, ok := registries[c]; return ok }

// weighted is Σ d[i]·w[i].
func weighted(d []int, w ...int) int {
	sum := 0
	for i, x := range w {
		sum += d[i] * x
	}
	return sum
}

// mod11Check is the check digit 11 − (sum mod 11), with 11 → 0; 10 has no
// check digit (-1), so no valid number has that sum.
func mod11Check(sum int) int {
	switch r := sum % 11; r {
	case 0:
		return 0
	case 1:
		return -1
	default:
		return 11 - r
	}
}

// validYTunnus checks a Finnish business ID: seven digits and a check
// digit, weights 7,9,10,5,8,4,2 modulo 11.
func validYTunnus(d []int) bool {
	return mod11Check(weighted(d, 7, 9, 10, 5, 8, 4, 2)) == d[7]
}

// validLuhn checks a Swedish organisation number: ten digits under the
// Luhn algorithm.
func validLuhn(d []int) bool {
	sum := 0
	for i, x := range d {
		if i%2 == 0 { // from the left; the tenth digit is the check digit
			x *= 2
			if x > 9 {
				x -= 9
			}
		}
		sum += x
	}
	return sum%10 == 0
}

// validCVR checks a Danish CVR number: eight digits whose sum with weights
// 2,7,6,5,4,3,2,1 is divisible by 11.
func validCVR(d []int) bool {
	return d[0] != 0 && weighted(d, 2, 7, 6, 5, 4, 3, 2, 1)%11 == 0
}

// validOrgnr checks a Norwegian organisation number: eight digits and a
// check digit, weights 3,2,7,6,5,4,3,2 modulo 11; numbers start with 8 or 9.
func validOrgnr(d []int) bool {
	return (d[0] == 8 || d[0] == 9) && mod11Check(weighted(d, 3, 2, 7, 6, 5, 4, 3, 2)) == d[8]
}

// validKennitala checks an Icelandic kennitala: a date (day + 40 for
// organisations), two digits, a check digit (weights 3,2,7,6,5,4,3,2
// modulo 11) and the century (8, 9 or 0).
func validKennitala(d []int) bool {
	day, month := d[0]*10+d[1], d[2]*10+d[3]
	if day > 40 {
		day -= 40
	}
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return false
	}
	if c := d[9]; c != 8 && c != 9 && c != 0 {
		return false
	}
	return mod11Check(weighted(d, 3, 2, 7, 6, 5, 4, 3, 2)) == d[8]
}

// NormalizeRegistryID returns the identifier s of an organisation in
// country c as the registry writes it (FI 1234567-8, SE 556012-5790, DK
// 24256790, NO 923609016, IS 530269-7609), accepting spaces, hyphens,
// dots and a leading country code ("DK 24 25 67 90", "NO 923 609 016
// MVA"), and the message ID of what is wrong with it, or "".
func NormalizeRegistryID(c Country, s string) (string, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ""
	}
	r, ok := registries[c]
	if !ok {
		return s, "validation.registry.unsupported"
	}
	u := strings.ToUpper(s)
	u = strings.TrimPrefix(u, string(c))
	if c == "AX" {
		u = strings.TrimPrefix(u, "FI")
	}
	u = strings.TrimSuffix(strings.TrimSpace(u), "MVA")
	var digits []int
	var b strings.Builder
	for _, ch := range u {
		switch {
		case ch >= '0' && ch <= '9':
			digits = append(digits, int(ch-'0'))
			b.WriteRune(ch)
		case ch == '-' || ch == '.' || unicode.IsSpace(ch):
		default:
			return s, "validation.registry.format"
		}
	}
	if len(digits) != r.digits {
		return s, "validation.registry.format"
	}
	if !r.valid(digits) {
		return s, "validation.registry.check"
	}
	return r.format(b.String()), ""
}
