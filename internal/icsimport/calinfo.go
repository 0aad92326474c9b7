// SPDX-License-Identifier: AGPL-3.0-or-later

package icsimport

import (
	"bytes"
	"strings"
	"time"
)

// Info is what a calendar file says about itself and its events beyond
// the drafts Parse returns: how often it wants to be fetched again, and
// the CATEGORIES of each event by UID (the sync's filter reads them).
type Info struct {
	// Refresh is REFRESH-INTERVAL (RFC 7986) or, failing that,
	// X-PUBLISHED-TTL (Outlook, Google); zero when the file gives none.
	Refresh time.Duration
	// Categories maps a VEVENT's UID to its categories.
	Categories map[string][]string
}

// ReadInfo reads Info from a file Parse accepted. It reads the same
// content lines as Parse and adds nothing to its rules.
func ReadInfo(data []byte) (Info, error) {
	cals, err := readCalendars(bytes.NewReader(data))
	if err != nil {
		return Info{}, err
	}
	info := Info{Categories: map[string][]string{}}
	for _, cal := range cals {
		for _, name := range []string{"REFRESH-INTERVAL", "X-PUBLISHED-TTL"} {
			if p, ok := cal.first(name); ok && info.Refresh == 0 {
				if d, ok := parseDuration(p.value); ok && !d.neg {
					info.Refresh = time.Duration(d.days)*24*time.Hour + d.exact
				}
			}
		}
		for _, c := range cal.children {
			if c.name != "VEVENT" {
				continue
			}
			uid := ""
			if p, ok := c.first("UID"); ok {
				uid = cleanLine(unescapeText(p.value))
			}
			for _, p := range c.all("CATEGORIES") {
				for _, v := range strings.Split(p.value, ",") {
					if v = cleanLine(unescapeText(v)); v != "" {
						info.Categories[uid] = append(info.Categories[uid], v)
					}
				}
			}
		}
	}
	return info, nil
}
