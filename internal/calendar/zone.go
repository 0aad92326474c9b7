// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"errors"
	"sync"
	"time"
)

var zones sync.Map // name → *time.Location

// LoadZone returns the IANA zone name, loading it once: time.LoadLocation
// reads the zone file on every call, which dominated rendering big feeds.
// "Local" and "" are refused, since an event's zone must not depend on the
// server.
func LoadZone(name string) (*time.Location, error) {
	if v, ok := zones.Load(name); ok {
		return v.(*time.Location), nil
	}
	if name == "" || name == "Local" {
		return nil, errors.New("calendar: an IANA zone name is required")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}
