// SPDX-License-Identifier: AGPL-3.0-or-later

package web_test

import (
	"net/netip"
	"testing"

	"github.com/nordcal/nordcal/internal/web"
)

// TestImportConnectsOnlyToGlobalUnicast: IPv6 is allowed only in 2000::/3
// outside its special ranges, and an address that embeds an IPv4 one
// (mapped, compatible, NAT64) is judged by the IPv4 rules.
func TestImportConnectsOnlyToGlobalUnicast(t *testing.T) {
	for _, tt := range []struct {
		addr   string
		public bool
	}{
		// Public.
		{"93.184.216.34", true},
		{"1.1.1.1", true},
		{"2a00:1450:4001:80b::200e", true},
		{"2606:4700:4700::1111", true},
		{"3ffe::1", true},
		{"::ffff:93.184.216.34", true},
		{"64:ff9b::5db8:d822", true}, // NAT64 of 93.184.216.34
		// IPv4 special ranges.
		{"0.0.0.0", false},
		{"127.0.0.1", false},
		{"10.0.0.1", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"100.64.0.1", false},
		{"169.254.169.254", false},
		{"192.0.0.8", false},
		{"192.0.2.1", false},
		{"198.51.100.1", false},
		{"203.0.113.1", false},
		{"198.18.0.1", false},
		{"224.0.0.1", false},
		{"240.0.0.1", false},
		{"255.255.255.255", false},
		// IPv6 outside 2000::/3.
		{"::", false},
		{"::1", false},
		{"fec0::1", false}, // site-local (deprecated)
		{"fed0::1", false},
		{"fc00::1", false},
		{"fd12:3456::1", false},
		{"fe80::1", false},
		{"ff02::1", false},
		{"100::1", false},           // discard-only
		{"4000::1", false},          // unassigned
		{"64:ff9b:1::a00:1", false}, // local-use NAT64
		// IPv4 inside IPv6: the IPv4 rules apply.
		{"::127.0.0.1", false}, // IPv4-compatible
		{"::10.0.0.1", false},
		{"::169.254.169.254", false},
		{"::8.8.8.8", true}, // judged as 8.8.8.8
		{"::ffff:127.0.0.1", false},
		{"::ffff:169.254.169.254", false},
		{"::ffff:0:127.0.0.1", false}, // IPv4-translated
		{"64:ff9b::7f00:1", false},    // NAT64 of 127.0.0.1
		{"64:ff9b::a9fe:a9fe", false}, // NAT64 of 169.254.169.254
		// Special ranges inside 2000::/3.
		{"2001:db8::1", false}, // documentation
		{"3fff::1", false},     // documentation (RFC 9637)
		{"2001::1", false},     // Teredo
		{"2001:0:4136:e378:8000:63bf:3fff:fdd2", false},
		{"2001:2::1", false},        // benchmarking
		{"2001:10::1", false},       // ORCHID
		{"2001:20::1", false},       // ORCHIDv2
		{"2002:a00:1::", false},     // 6to4 of 10.0.0.1
		{"2002:5db8:d822::", false}, // 6to4 (deprecated, RFC 7526), even of a public address
	} {
		if got := web.PublicAddr(netip.MustParseAddr(tt.addr)); got != tt.public {
			t.Errorf("%s: public = %v, want %v", tt.addr, got, tt.public)
		}
	}
	if web.PublicAddr(netip.MustParseAddr("2a00:1450:4001:80b::200e%eth0")) {
		t.Error("an address with a zone is public")
	}
}
