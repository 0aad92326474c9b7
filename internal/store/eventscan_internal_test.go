// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm/schema"
)

// TestScanEventsReadsEveryColumn: the event lists scan an explicit column
// list (eventscan.go); a column added to eventRow but not to that list
// would come back empty from every list. Only the columns that queries
// alone read (search texts, facets, span_days) are left out on purpose.
func TestScanEventsReadsEveryColumn(t *testing.T) {
	listed := map[string]bool{}
	for _, c := range strings.Split(eventColumns, ",") {
		listed[strings.TrimPrefix(strings.TrimSpace(c), "events.")] = true
	}
	s, err := schema.Parse(&eventRow{}, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range s.Fields {
		if f.DBName == "" || f.DBName == "search" || f.DBName == "facets" || f.DBName == "span_days" {
			continue
		}
		if !listed[f.DBName] {
			t.Errorf("eventRow.%s (%s) is not in eventColumns, so scanEvents does not read it", f.Name, f.DBName)
		}
		delete(listed, f.DBName)
	}
	for c := range listed {
		t.Errorf("eventColumns names %s, which eventRow does not have", c)
	}
}
