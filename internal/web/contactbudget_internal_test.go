// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import "testing"

// TestContactBudgetKeysIPv6ByNetwork: every address of one /64 (one
// subscriber line) shares a budget; IPv4, mapped or not, is per address.
func TestContactBudgetKeysIPv6ByNetwork(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true},
		{"2001:db8:1:2::1", "2001:db8:1:3::1", false},
		{"198.51.100.7", "::ffff:198.51.100.7", true},
		{"198.51.100.7", "198.51.100.8", false},
	} {
		if got := clientKey(tc.a) == clientKey(tc.b); got != tc.same {
			t.Errorf("%s and %s share a budget: %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}
