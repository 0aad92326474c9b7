// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/calendar"
)

// zone is a resolved TZID.
type zone struct {
	name string // IANA name
	loc  *time.Location
	// utc marks TZIDs that just mean UTC ("UTC", "Etc/GMT", Windows "UTC"):
	// such times are treated like a Z suffix, so the event is shown in
	// the importer's zone.
	utc bool
}

// zones resolves the TZIDs of one file, remembering each answer.
type zones struct {
	// vtimezone maps the TZIDs the file defines in VTIMEZONE blocks to their
	// X-LIC-LOCATION (or "").
	vtimezone map[string]string
	// preferred is the importer's zone: a Windows zone that also covers it
	// resolves to it.
	preferred string
	cache     map[string]zoneAnswer
}

type zoneAnswer struct {
	z  zone
	ok bool
}

func newZones(cals []*component, preferred string) *zones {
	zs := &zones{vtimezone: map[string]string{}, preferred: preferred, cache: map[string]zoneAnswer{}}
	for _, cal := range cals {
		for _, c := range cal.children {
			if c.name != "VTIMEZONE" {
				continue
			}
			id, ok := c.first("TZID")
			if !ok {
				continue
			}
			loc := ""
			if p, ok := c.first("X-LIC-LOCATION"); ok {
				loc = strings.TrimSpace(p.value)
			}
			tzid := strings.TrimSpace(id.value)
			if _, seen := zs.vtimezone[tzid]; !seen || zs.vtimezone[tzid] == "" {
				zs.vtimezone[tzid] = loc
			}
		}
	}
	return zs
}

// resolve returns the zone a TZID parameter names: an IANA name, a Windows
// zone ID or display name, or — only when the file defines it in a
// VTIMEZONE — a TZID that carries an IANA name inside it, such as
// Mozilla's "/mozilla.org/20050126_1/Europe/Helsinki", or whose VTIMEZONE
// has an X-LIC-LOCATION.
func (zs *zones) resolve(tzid string) (zone, bool) {
	if a, ok := zs.cache[tzid]; ok {
		return a.z, a.ok
	}
	z, ok := zs.lookup(strings.TrimSpace(tzid))
	if len(zs.cache) < 1000 {
		zs.cache[tzid] = zoneAnswer{z, ok}
	}
	return z, ok
}

func (zs *zones) lookup(tzid string) (zone, bool) {
	if tzid == "" || len(tzid) > 256 {
		return zone{}, false
	}
	if z, ok := loadIANA(tzid); ok {
		return z, true
	}
	if names, ok := windowsZone(tzid); ok {
		name := names[0]
		if slices.Contains(names, zs.preferred) {
			name = zs.preferred
		}
		return loadIANA(name)
	}
	xlic, defined := zs.vtimezone[tzid]
	if !defined {
		return zone{}, false
	}
	if z, ok := loadIANA(xlic); ok {
		return z, true
	}
	// "/mozilla.org/20050126_1/Europe/Helsinki", "/citadel.org/…/Europe/Oslo":
	// the longest suffix that is a zone.
	parts := strings.Split(tzid, "/")
	if len(parts) <= 12 {
		for i := 1; i < len(parts); i++ {
			if z, ok := loadIANA(strings.Join(parts[i:], "/")); ok {
				return z, true
			}
		}
	}
	// An IANA name anywhere in the TZID ("Europe/Helsinki (custom)").
	for _, m := range ianaLike.FindAllString(tzid, 4) {
		if z, ok := loadIANA(m); ok {
			return z, true
		}
	}
	return zone{}, false
}

var ianaLike = regexp.MustCompile(`\b(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)?`)

// windowsZone looks a Windows zone ID or display name up.
func windowsZone(tzid string) ([]string, bool) {
	for id, names := range windowsZones {
		if strings.EqualFold(id, tzid) {
			return names, true
		}
	}
	s := strings.ToLower(strings.Join(strings.Fields(tzid), " "))
	if strings.HasPrefix(s, "(utc") || strings.HasPrefix(s, "(gmt") {
		if i := strings.IndexByte(s, ')'); i > 0 {
			if rest := strings.TrimSpace(s[i+1:]); rest != "" {
				s = rest
			} else {
				s = "coordinated universal time"
			}
		}
	}
	if id, ok := windowsDisplayNames[s]; ok {
		return windowsZones[id], true
	}
	return nil, false
}

// loadIANA loads name if it looks like an IANA zone name; "Local" and file
// paths are refused.
func loadIANA(name string) (zone, bool) {
	if name == "" || len(name) > 64 || name[0] == '/' || strings.Contains(name, "..") {
		return zone{}, false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '-' || c == '+') {
			return zone{}, false
		}
	}
	loc, err := calendar.LoadZone(name)
	if err != nil {
		return zone{}, false
	}
	return zone{name: name, loc: loc, utc: utcNames[name]}, true
}

var utcNames = map[string]bool{
	"UTC": true, "Etc/UTC": true, "Etc/UCT": true, "UCT": true, "Etc/Universal": true, "Universal": true,
	"Etc/Zulu": true, "Zulu": true, "GMT": true, "Etc/GMT": true, "GMT0": true, "Etc/GMT0": true,
	"GMT+0": true, "GMT-0": true, "Etc/GMT+0": true, "Etc/GMT-0": true, "Greenwich": true, "Etc/Greenwich": true,
}
