// SPDX-License-Identifier: AGPL-3.0-or-later

package directory_test

import (
	"testing"

	"github.com/nordcal/nordcal/internal/directory"
)

// The valid numbers are real, published identifiers of public bodies and
// large companies; the near-misses change one digit or the length.
func TestNormalizeRegistryID(t *testing.T) {
	tests := []struct {
		name    string
		country directory.Country
		in      string
		want    string
		msg     string
	}{
		{"FI Nokia Oyj", "FI", "0112038-9", "0112038-9", ""},
		{"FI City of Helsinki, compact", "FI", "02012566", "0201256-6", ""},
		{"FI with spaces and prefix", "FI", "FI 0201256 6", "0201256-6", ""},
		{"AX uses the Finnish ID", "AX", "0112038-9", "0112038-9", ""},
		{"FI wrong check digit", "FI", "0112038-8", "", "validation.registry.check"},
		{"FI remainder 1 has no check digit", "FI", "0000006-1", "", "validation.registry.check"},
		{"FI too short", "FI", "112038-9", "", "validation.registry.format"},
		{"SE Volvo AB", "SE", "556012-5790", "556012-5790", ""},
		{"SE Skatteverket, compact", "SE", "2021005448", "202100-5448", ""},
		{"SE wrong check digit", "SE", "556012-5791", "", "validation.registry.check"},
		{"SE swapped digits", "SE", "556021-5790", "", "validation.registry.check"},
		{"SE letters", "SE", "55601A-5790", "", "validation.registry.format"},
		{"DK Novo Nordisk A/S", "DK", "24256790", "24256790", ""},
		{"DK A.P. Møller - Mærsk, VAT form", "DK", "DK 22 75 62 14", "22756214", ""},
		{"DK one digit off", "DK", "24256791", "", "validation.registry.check"},
		{"DK nine digits", "DK", "242567900", "", "validation.registry.format"},
		{"NO Equinor ASA", "NO", "923 609 016", "923609016", ""},
		{"NO Brønnøysundregistrene, MVA", "NO", "NO 974 760 673 MVA", "974760673", ""},
		{"NO wrong check digit", "NO", "923609017", "", "validation.registry.check"},
		{"NO must start with 8 or 9", "NO", "123609016", "", "validation.registry.check"},
		{"IS Reykjavíkurborg", "IS", "530269-7609", "530269-7609", ""},
		{"IS University of Iceland, compact", "IS", "6001692039", "600169-2039", ""},
		{"IS wrong check digit", "IS", "530269-7619", "", "validation.registry.check"},
		{"IS bad century digit", "IS", "530269-7605", "", "validation.registry.check"},
		{"IS impossible month", "IS", "531369-7609", "", "validation.registry.check"},
		{"no registry for Germany", "DE", "HRB 1234", "", "validation.registry.unsupported"},
		{"empty is fine", "DE", "  ", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msg := directory.NormalizeRegistryID(tt.country, tt.in)
			if msg != tt.msg {
				t.Fatalf("NormalizeRegistryID(%s, %q) message %q, want %q", tt.country, tt.in, msg, tt.msg)
			}
			if msg == "" && got != tt.want {
				t.Errorf("NormalizeRegistryID(%s, %q) = %q, want %q", tt.country, tt.in, got, tt.want)
			}
		})
	}
}
