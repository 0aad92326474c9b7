// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"errors"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
)

// dateOfSeries makes e the override of the date of series that its
// RecurrenceKey names, as written by the series' save earlier in the same
// transaction (see calendar.EventChange.Series): e takes that row's ID and
// version, so that saving e updates it. A key that is not a date of the
// series is Invalid.
func dateOfSeries(tx *gorm.DB, e *calendar.Event, series *calendar.Event) error {
	if series.ID == 0 || e.RecurrenceKey == "" {
		return apperr.New(apperr.Invalid, "validation.repeat.rule")
	}
	var row eventRow
	err := tx.Select("id", "version", "created_at").
		Where("series_id = ? AND recurrence_key = ?", series.ID, e.RecurrenceKey).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return apperr.New(apperr.Invalid, "validation.repeat.rule")
	}
	if err != nil {
		return err
	}
	e.ID, e.Version, e.SeriesID, e.Overridden, e.Repeat = row.ID, row.Version, series.ID, true, calendar.Repeat{}
	// An override never has a lower SEQUENCE than its series.
	e.Sequence = max(e.Sequence, series.Sequence)
	if e.CreatedAt.IsZero() {
		e.CreatedAt = row.CreatedAt
	}
	return nil
}
