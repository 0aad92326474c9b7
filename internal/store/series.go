// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"slices"
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
	return writeChildrenOf(tx, rows, insts)
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

// writeChildrenOf writes the texts, organisers, networks and topics of
// many new rows in a few statements: a series writes its dates at once.
func writeChildrenOf(tx *gorm.DB, rows []eventRow, evs []calendar.Event) error {
	var texts []eventTextRow
	var orgs []eventOrganiserRow
	var nets []eventNetworkRow
	var topics []eventTopicRow
	for i, r := range rows {
		e := &evs[i]
		for _, l := range lang.All {
			if t, ok := e.Texts[l]; ok {
				texts = append(texts, eventTextRow{EventID: r.ID, Lang: string(l), Title: t.Title, Description: t.Description})
			}
		}
		for pos, id := range organiserIDsOf(e) {
			orgs = append(orgs, eventOrganiserRow{EventID: r.ID, OrganisationID: id, Position: pos})
		}
		for _, n := range e.Networks {
			if !slices.ContainsFunc(nets, func(x eventNetworkRow) bool { return x.EventID == r.ID && x.NetworkID == n.ID }) {
				nets = append(nets, eventNetworkRow{EventID: r.ID, NetworkID: n.ID})
			}
		}
		for _, t := range e.Topics {
			topics = append(topics, eventTopicRow{EventID: r.ID, Topic: string(t)})
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

// organiserIDsOf lists e's organisers once each, in order.
func organiserIDsOf(e *calendar.Event) []int64 {
	var ids []int64
	for _, o := range e.Organisers {
		if !slices.Contains(ids, o.ID) {
			ids = append(ids, o.ID)
		}
	}
	return ids
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

// ExtendSeries writes the dates of every open-ended series anew, so that
// each keeps showing SeriesHorizon ahead; the server runs it daily. It
// changes no series record, so feeds and SEQUENCE stay as they were.
func (db *DB) ExtendSeries(ctx context.Context) (int, error) {
	var ids []int64
	if err := db.gorm.WithContext(ctx).Model(&eventRow{}).Where("rrule <> '' AND rrule NOT LIKE ? AND rrule NOT LIKE ?",
		"%COUNT=%", "%UNTIL=%").Pluck("id", &ids).Error; err != nil {
		return 0, mapErr(err, "error.not_found")
	}
	now := db.gorm.NowFunc()
	n := 0
	for _, id := range ids {
		e, err := db.EventByID(ctx, id)
		if err != nil {
			return n, err
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
