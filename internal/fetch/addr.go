// SPDX-License-Identifier: AGPL-3.0-or-later

package fetch

import "net/netip"

// nonPublicV4 are the IANA special-purpose IPv4 ranges an import must
// never reach: this network, private, shared (carrier-grade NAT, where some
// clouds keep their metadata service), loopback, link-local, IETF protocol
// assignments, documentation, 6to4 relay anycast, benchmarking, multicast,
// reserved and broadcast.
var nonPublicV4 = prefixes("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
	"192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
	"203.0.113.0/24", "224.0.0.0/3")

// globalV6 is the only IPv6 space an import may reach (global unicast,
// RFC 4291), and nonPublicV6 its special ranges: the IETF protocol
// assignments (Teredo 2001::/32, benchmarking, ORCHID and ORCHIDv2, …),
// both documentation prefixes, and 6to4 (deprecated by RFC 7526; its
// relays would carry the connection to whatever IPv4 address it embeds).
// Everything outside 2000::/3 is refused by that alone: unique-local
// fc00::/7, link-local fe80::/10, the deprecated site-local fec0::/10,
// multicast, discard-only 100::/64, local-use NAT64 64:ff9b:1::/48, and the
// IPv4-compatible ::/96 and IPv4-translated ::ffff:0:0:0/96 ranges.
var (
	globalV6    = netip.MustParsePrefix("2000::/3")
	nonPublicV6 = prefixes("2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20")
	// Addresses that carry an IPv4 address in their last 32 bits and reach
	// it: IPv4-compatible (deprecated, but a stack may still route it to
	// IPv4) and the well-known NAT64 prefix (RFC 6052). IPv4-mapped
	// addresses are unmapped first.
	embedsV4 = prefixes("::/96", "64:ff9b::/96")
)

func prefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

func inAny(a netip.Addr, ps []netip.Prefix) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// PublicAddr reports whether a may be connected to: a public IPv4 address
// (or an IPv6 address that embeds one: mapped, compatible, NAT64), or an
// IPv6 global unicast address outside the special ranges. An address with
// a zone is never public.
func PublicAddr(a netip.Addr) bool {
	if a.Zone() != "" {
		return false
	}
	a = a.Unmap()
	if a.Is6() && inAny(a, embedsV4) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte(b[12:]))
	}
	if a.Is4() {
		return a.IsGlobalUnicast() && !inAny(a, nonPublicV4)
	}
	return globalV6.Contains(a) && !inAny(a, nonPublicV6)
}
