// SPDX-License-Identifier: AGPL-3.0-or-later

package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	ics "github.com/arran4/golang-ical"
)

// eventStream is the feed's VEVENTs as one component of the calendar. It
// builds each VEVENT just before golang-ical writes it, reusing one VEvent
// and its property slice, so that a feed never holds thousands of VEvents
// that are each written once and then dropped.
type eventStream struct {
	b       *builder
	entries []entry
}

// UnknownPropertiesIANAProperties and SubComponents complete ics.Component;
// nothing reads them while a calendar is written.
func (s *eventStream) UnknownPropertiesIANAProperties() []ics.IANAProperty { return nil }
func (s *eventStream) SubComponents() []ics.Component                      { return nil }

// minPart is the fewest events worth a goroutine of their own: below it,
// starting one and copying its output costs about what it saves.
const minPart = 200

// bytesPerEvent is about what a VEVENT takes (a kilobyte, folded
// description included), to size the buffers.
const bytesPerEvent = 1024

// SerializeTo writes the VEVENTs in order. A large feed is cut into up to
// one part per CPU, of at least minPart events each: building the
// properties and formatting their lines (lines.go) is most of a cold
// render, and each part does both on its own. The first part is written straight
// to w while the others are formatted at the same time into buffers, which
// are then copied to w in order.
func (s *eventStream) SerializeTo(w io.Writer, config *ics.SerializationConfiguration) error {
	n := min(runtime.GOMAXPROCS(0), len(s.entries)/minPart)
	if n <= 1 {
		return writeEvents(w, s.b, s.entries, config)
	}
	part := func(i int) []entry { return s.entries[i*len(s.entries)/n : (i+1)*len(s.entries)/n] }
	rest := make([]bytes.Buffer, n-1)
	failed := make([]error, n-1)
	var wg sync.WaitGroup
	for i := range rest {
		entries, b := part(i+1), s.b.fork()
		rest[i].Grow(len(entries) * bytesPerEvent)
		wg.Go(func() {
			// A panic here would take the whole server down, not just
			// this request: turn it into the request's error.
			defer func() {
				if r := recover(); r != nil {
					failed[i] = fmt.Errorf("feed: writing events: %v", r)
				}
			}()
			failed[i] = writeEvents(&rest[i], b, entries, config)
		})
	}
	err := writeEvents(w, s.b, part(0), config)
	wg.Wait()
	if err != nil {
		return err
	}
	if err := errors.Join(failed...); err != nil {
		return err
	}
	for i := range rest {
		if _, err := rest[i].WriteTo(w); err != nil {
			return err
		}
	}
	return nil
}

// writeEvents builds and writes the VEVENTs of entries, one at a time.
func writeEvents(w io.Writer, b *builder, entries []entry, config *ics.SerializationConfiguration) error {
	var ev ics.VEvent
	lw := newLineWriter(config)
	for i := range entries {
		b.event(&ev, &entries[i])
		if err := lw.vevent(w, &ev, config); err != nil {
			return err
		}
	}
	return nil
}
