// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"database/sql"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// writeOccurrences writes the dates of series e in the transaction that
// saves it (see calendar/series.go): the dates nobody changed are written
// anew from the series, every override whose date still belongs to the
// series is kept with its own fields, takes the series' status unless it
// was cancelled on its own while the series is public, and never has a
// lower SEQUENCE than the series. An event that is no series has no dates.
func (db *DB) writeOccurrences(tx *gorm.DB, e *calendar.Event, now time.Time) error {
	if e.SeriesID != 0 {
		return nil
	}
	if e.Repeat.IsZero() {
		return tx.Where("series_id = ?", e.ID).Delete(&eventRow{}).Error
	}
	occ, err := e.Occurrences(e.Start, e.SeriesEnd(now), calendar.MaxOccurrences)
	if err != nil {
		return apperr.New(apperr.Invalid, "validation.repeat.rule")
	}
	if len(occ) > calendar.MaxOccurrences {
		occ = occ[:calendar.MaxOccurrences]
	}
	if err := tx.Where("series_id = ? AND overridden = ?", e.ID, false).Delete(&eventRow{}).Error; err != nil {
		return err
	}
	var kept []eventRow
	if err := tx.Select("id", "recurrence_key", "status", "sequence").
		Where("series_id = ? AND overridden = ?", e.ID, true).Find(&kept).Error; err != nil {
		return err
	}
	keys := make(map[string]bool, len(occ))
	for _, o := range occ {
		keys[calendar.RecurrenceKey(o.Key, e.AllDay)] = true
	}
	overridden := make(map[string]bool, len(kept))
	for _, k := range kept {
		if !keys[k.RecurrenceKey] {
			if err := tx.Delete(&eventRow{}, k.ID).Error; err != nil {
				return err
			}
			continue
		}
		overridden[k.RecurrenceKey] = true
		status := overrideStatus(e.Status, calendar.Status(k.Status))
		seq := max(k.Sequence, e.Sequence)
		if status != calendar.Status(k.Status) && k.Sequence == seq {
			seq++
		}
		if status != calendar.Status(k.Status) || seq != k.Sequence {
			if err := tx.Model(&eventRow{}).Where("id = ?", k.ID).
				Updates(map[string]any{"status": string(status), "sequence": seq, "updated_at": e.UpdatedAt}).Error; err != nil {
				return err
			}
		}
	}
	rows := make([]eventRow, 0, len(occ))
	insts := make([]calendar.Event, 0, len(occ))
	for _, o := range occ {
		x := e.Instance(o)
		if overridden[x.RecurrenceKey] {
			continue
		}
		r := rowOf(&x)
		r.ID, r.Version = 0, 1
		rows = append(rows, r)
		insts = append(insts, x)
	}
	if len(rows) == 0 {
		return nil
	}
	if err := tx.CreateInBatches(&rows, 100).Error; err != nil {
		return err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return writeChildren(tx, ids, insts)
}

// overrideStatus is the status of a date changed on its own when its
// series has status series: cancelled when it was cancelled alone and the
// series is still public, else the series' own.
func overrideStatus(series, own calendar.Status) calendar.Status {
	if own == calendar.Cancelled && (series == calendar.Published || series == calendar.Tentative) {
		return calendar.Cancelled
	}
	return series
}

// writeChildren writes the texts, organisers (once each, in order),
// networks (once each) and topics of the events evs stored under ids, in a
// few statements however many there are: a series writes its dates at once.
func writeChildren(tx *gorm.DB, ids []int64, evs []calendar.Event) error {
	var texts []eventTextRow
	var orgs []eventOrganiserRow
	var nets []eventNetworkRow
	var topics []eventTopicRow
	for i, id := range ids {
		e := &evs[i]
		for _, l := range lang.All {
			if t, ok := e.Texts[l]; ok {
				texts = append(texts, eventTextRow{EventID: id, Lang: string(l), Title: t.Title, Description: t.Description})
			}
		}
		seen := map[int64]bool{}
		for _, o := range e.Organisers {
			if !seen[o.ID] {
				seen[o.ID] = true
				orgs = append(orgs, eventOrganiserRow{EventID: id, OrganisationID: o.ID, Position: len(seen) - 1})
			}
		}
		clear(seen)
		for _, n := range e.Networks {
			if !seen[n.ID] {
				seen[n.ID] = true
				nets = append(nets, eventNetworkRow{EventID: id, NetworkID: n.ID})
			}
		}
		for _, t := range e.Topics {
			topics = append(topics, eventTopicRow{EventID: id, Topic: string(t)})
		}
	}
	if err := createAll(tx, texts); err != nil {
		return err
	}
	if err := createAll(tx, orgs); err != nil {
		return err
	}
	if err := createAll(tx, nets); err != nil {
		return err
	}
	return createAll(tx, topics)
}

// createAll inserts rows in batches; no rows is nothing to do.
func createAll[T any](tx *gorm.DB, rows []T) error {
	if len(rows) == 0 {
		return nil
	}
	return tx.CreateInBatches(&rows, 200).Error
}

// Overrides returns the dates changed on their own of the series with ids.
func (db *DB) Overrides(ctx context.Context, ids []int64) ([]calendar.Event, error) {
	var rows []eventRow
	for _, part := range chunks(ids, 500) {
		var r []eventRow
		if err := db.gorm.WithContext(ctx).Where("series_id IN ? AND overridden = ?", part, true).
			Order("recurrence_key").Find(&r).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		rows = append(rows, r...)
	}
	return db.hydrate(ctx, rows)
}

// Occurrence returns the date of series id named key, or NotFound.
func (db *DB) Occurrence(ctx context.Context, id int64, key string) (calendar.Event, error) {
	var row eventRow
	if err := db.gorm.WithContext(ctx).Where("series_id = ? AND recurrence_key = ?", id, key).Take(&row).Error; err != nil {
		return calendar.Event{}, mapErr(err, "error.not_found")
	}
	evs, err := db.hydrate(ctx, []eventRow{row})
	if err != nil {
		return calendar.Event{}, err
	}
	return evs[0], nil
}

// ExtendSeries writes the dates of every open-ended series anew when a
// date has come within SeriesHorizon that is not written yet, so that each
// keeps showing SeriesHorizon ahead; the server runs it daily. A series
// already written that far is left alone (no change stamp moves, no cache
// empties), and no series record changes, so feeds and SEQUENCE stay.
func (db *DB) ExtendSeries(ctx context.Context) (int, error) {
	var ids []int64
	if err := db.gorm.WithContext(ctx).Model(&eventRow{}).Where("rrule <> '' AND rrule NOT LIKE ? AND rrule NOT LIKE ?",
		"%COUNT=%", "%UNTIL=%").Pluck("id", &ids).Error; err != nil {
		return 0, mapErr(err, "error.not_found")
	}
	now := db.gorm.NowFunc()
	last, err := db.lastDates(ctx, ids)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		e, err := db.EventByID(ctx, id)
		if err != nil {
			return n, err
		}
		if t, ok := last[id]; ok {
			if due, err := e.Occurrences(t.Add(time.Second), e.SeriesEnd(now), 0); err == nil && len(due) == 0 {
				continue
			}
		}
		err = db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			// Only when the series is as it was read: a save in between
			// wrote its dates already.
			var v []int
			if err := tx.Model(&eventRow{}).Where("id = ?", id).Pluck("version", &v).Error; err != nil || len(v) != 1 || v[0] != e.Version {
				return err
			}
			return db.writeOccurrences(tx, &e, now)
		})
		if err != nil {
			return n, mapErr(err, "error.not_found")
		}
		n++
	}
	return n, nil
}

// lastDates returns the start of the last written date of each series
// with ids, in one query per 500 series.
func (db *DB) lastDates(ctx context.Context, ids []int64) (map[int64]time.Time, error) {
	out := make(map[int64]time.Time, len(ids))
	for _, part := range chunks(ids, 500) {
		err := scanRows(db.gorm.WithContext(ctx).Raw(
			"SELECT series_id, MAX(start_at) FROM events WHERE series_id IN ? GROUP BY series_id", part),
			func(rows *sql.Rows) error {
				var id int64
				var v any
				if err := rows.Scan(&id, &v); err != nil {
					return err
				}
				t, err := asTime(v)
				out[id] = t.UTC()
				return err
			})
		if err != nil {
			return nil, mapErr(err, "error.not_found")
		}
	}
	return out, nil
}
