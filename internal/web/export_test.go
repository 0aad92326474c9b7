// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/fetch"
	"github.com/nordcal/nordcal/internal/lang"
)

// PublicAddr exposes publicAddr to the tests.
var PublicAddr = fetch.PublicAddr

// FeedStrings exposes the words of s's feeds in l to the tests.
func FeedStrings(s *Server, l lang.Code) feed.Strings { return feedStrings(s.Bundle.For(l)) }
