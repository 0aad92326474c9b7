// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

type sourceRow struct {
	ID              int64
	Name            string
	URL             string `gorm:"column:url"`
	Filter          string
	Trust           string
	AutoCancelAfter int
	Paused          bool
	Category        string
	Country         string
	City            string
	Attendance      string
	Audience        string
	Languages       string
	Zone            string
	Lang            string
	LastAttempt     int64
	LastSuccess     int64
	HTTPStatus      int `gorm:"column:http_status"`
	SeenCount       int
	NewCount        int
	ChangedCount    int
	GoneCount       int
	ErrorID         string `gorm:"column:error_id"`
	ErrorArgs       string
	Failures        int
	NextRun         int64
	IntervalSeconds int64
	ETag            string `gorm:"column:etag"`
	LastModified    string
	LeaseToken      string
	LeaseUntil      int64
	Version         int
	CreatedAt       int64 `gorm:"autoCreateTime:false"`
}

func (sourceRow) TableName() string { return "sources" }

type sourceOrganiserRow struct {
	SourceID       int64 `gorm:"primaryKey"`
	OrganisationID int64 `gorm:"primaryKey"`
	Position       int
}

func (sourceOrganiserRow) TableName() string { return "source_organisers" }

type sourceNetworkRow struct {
	SourceID  int64 `gorm:"primaryKey"`
	NetworkID int64 `gorm:"primaryKey"`
}

func (sourceNetworkRow) TableName() string { return "source_networks" }

type sourceLinkRow struct {
	ID         int64
	SourceID   int64
	UID        string `gorm:"column:uid"`
	EventID    int64
	DraftHash  string
	SyncedHash string
	Missing    int
	Open       string
	Proposed   string
	Clash      string
	UpdatedAt  int64 `gorm:"autoUpdateTime:false"`
}

func (sourceLinkRow) TableName() string { return "source_events" }

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}

func toSourceRow(s *calendar.Source) sourceRow {
	d, h := s.Defaults, s.Health
	args := ""
	if len(h.ErrorArgs) > 0 {
		b, _ := json.Marshal(h.ErrorArgs)
		args = string(b)
	}
	return sourceRow{ID: s.ID, Name: s.Name, URL: s.URL, Filter: s.Filter, Trust: string(s.Trust), AutoCancelAfter: s.AutoCancelAfter,
		Paused: s.Paused, Category: string(d.Category), Country: string(d.Country), City: d.City, Attendance: string(d.Attendance),
		Audience: string(d.Audience), Languages: strings.Join(d.Languages, ","), Zone: d.Zone, Lang: string(d.OriginalLang),
		LastAttempt: unix(h.LastAttempt), LastSuccess: unix(h.LastSuccess), HTTPStatus: h.HTTPStatus, SeenCount: h.Seen,
		NewCount: h.New, ChangedCount: h.Changed, GoneCount: h.Gone, ErrorID: h.ErrorID, ErrorArgs: args, Failures: h.Failures,
		NextRun: unix(h.NextRun), IntervalSeconds: int64(h.Interval / time.Second), ETag: h.ETag, LastModified: h.LastModified,
		Version: s.Version, CreatedAt: unix(s.CreatedAt)}
}

func (r sourceRow) source() calendar.Source {
	s := calendar.Source{ID: r.ID, Name: r.Name, URL: r.URL, Filter: r.Filter, Trust: calendar.Trust(r.Trust),
		AutoCancelAfter: r.AutoCancelAfter, Paused: r.Paused, Version: r.Version, CreatedAt: fromUnix(r.CreatedAt),
		Defaults: calendar.Event{Category: calendar.Category(r.Category), Country: directory.Country(r.Country), City: r.City,
			Attendance: calendar.Attendance(r.Attendance), Audience: calendar.Audience(r.Audience), Zone: r.Zone,
			OriginalLang: lang.Code(r.Lang)},
		Health: calendar.SourceHealth{LastAttempt: fromUnix(r.LastAttempt), LastSuccess: fromUnix(r.LastSuccess),
			HTTPStatus: r.HTTPStatus, Seen: r.SeenCount, New: r.NewCount, Changed: r.ChangedCount, Gone: r.GoneCount,
			ErrorID: r.ErrorID, Failures: r.Failures, NextRun: fromUnix(r.NextRun),
			Interval: time.Duration(r.IntervalSeconds) * time.Second, ETag: r.ETag, LastModified: r.LastModified}}
	if r.Languages != "" {
		s.Defaults.Languages = strings.Split(r.Languages, ",")
	}
	if r.ErrorArgs != "" {
		_ = json.Unmarshal([]byte(r.ErrorArgs), &s.Health.ErrorArgs)
	}
	return s
}

// Sources lists every source by name (calendar.SourceStore).
func (db *DB) Sources(ctx context.Context) ([]calendar.Source, error) {
	var rows []sourceRow
	if err := db.gorm.WithContext(ctx).Order("name, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	return db.withSourceOrganisers(db.gorm.WithContext(ctx), rows)
}

// SourceByID returns one source, NotFound when missing.
func (db *DB) SourceByID(ctx context.Context, id int64) (calendar.Source, error) {
	return db.sourceByID(db.gorm.WithContext(ctx), id)
}

func (db *DB) sourceByID(tx *gorm.DB, id int64) (calendar.Source, error) {
	var row sourceRow
	if err := tx.Take(&row, "id = ?", id).Error; err != nil {
		return calendar.Source{}, mapErr(err, "source.not_found")
	}
	out, err := db.withSourceOrganisers(tx, []sourceRow{row})
	if err != nil {
		return calendar.Source{}, err
	}
	return out[0], nil
}

func (db *DB) withSourceOrganisers(tx *gorm.DB, rows []sourceRow) ([]calendar.Source, error) {
	out := make([]calendar.Source, len(rows))
	index := map[int64]int{}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		out[i], index[r.ID], ids[i] = r.source(), i, r.ID
	}
	if len(ids) == 0 {
		return out, nil
	}
	var links []sourceOrganiserRow
	if err := tx.Where("source_id IN ?", ids).Order("source_id, position").Find(&links).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	orgIDs := make([]int64, len(links))
	for i, l := range links {
		orgIDs[i] = l.OrganisationID
	}
	orgs, err := db.organisationsByID(tx, orgIDs)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		s := &out[index[l.SourceID]]
		s.Defaults.Organisers = append(s.Defaults.Organisers, orgs[l.OrganisationID])
	}
	var nets []sourceNetworkRow
	if err := tx.Where("source_id IN ?", ids).Order("source_id, network_id").Find(&nets).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	netIDs := make([]int64, len(nets))
	for i, n := range nets {
		netIDs[i] = n.NetworkID
	}
	networks, err := db.networksByID(tx, netIDs)
	if err != nil {
		return nil, err
	}
	for _, n := range nets {
		s := &out[index[n.SourceID]]
		s.Defaults.Networks = append(s.Defaults.Networks, networks[n.NetworkID])
	}
	return out, nil
}

// SaveSource creates or version-checks and updates a source with its
// organisers and the audit entry, in one transaction.
func (db *DB) SaveSource(ctx context.Context, s *calendar.Source, e audit.Entry) error {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row := toSourceRow(s)
		if s.ID == 0 {
			row.Version = 1
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
			s.ID, s.Version = row.ID, 1
		} else {
			row.Version = s.Version + 1
			// The health of the last sync is the sync's to write (SaveSync);
			// an edit only moves the schedule and the conditional request.
			res := tx.Model(&sourceRow{}).Where("id = ? AND version = ?", s.ID, s.Version).Select("*").
				Omit("id", "created_at", "lease_token", "lease_until", "last_attempt", "last_success", "http_status",
					"seen_count", "new_count", "changed_count", "gone_count", "error_id", "error_args", "interval_seconds").
				Updates(&row)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				if _, err := db.sourceByID(tx, s.ID); err != nil {
					return err
				}
				return apperr.New(apperr.Conflict, "error.conflict.version")
			}
			s.Version++
			for _, m := range []any{&sourceOrganiserRow{}, &sourceNetworkRow{}} {
				if err := tx.Where("source_id = ?", s.ID).Delete(m).Error; err != nil {
					return err
				}
			}
		}
		for i, o := range s.Defaults.Organisers {
			if err := tx.Create(&sourceOrganiserRow{SourceID: s.ID, OrganisationID: o.ID, Position: i}).Error; err != nil {
				return err
			}
		}
		for _, n := range s.Defaults.Networks {
			if err := tx.Create(&sourceNetworkRow{SourceID: s.ID, NetworkID: n.ID}).Error; err != nil {
				return err
			}
		}
		if e.RecordID == 0 {
			e.RecordID = s.ID
		}
		return db.appendAudit(tx, e)
	})
	return mapErr(err, "source.not_found")
}

// DeleteSource deletes a source with its links and saves chs, in one
// transaction.
func (db *DB) DeleteSource(ctx context.Context, id int64, e audit.Entry, chs ...calendar.EventChange) error {
	now := db.gorm.NowFunc()
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, ch := range chs {
			if err := db.saveEvent(tx, ch, now); err != nil {
				return err
			}
		}
		for _, m := range []any{&sourceLinkRow{}, &sourceOrganiserRow{}, &sourceNetworkRow{}} {
			if err := tx.Where("source_id = ?", id).Delete(m).Error; err != nil {
				return err
			}
		}
		res := tx.Where("id = ?", id).Delete(&sourceRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return db.appendAudit(tx, e)
	})
	return mapErr(err, "source.not_found")
}

// DueSources lists unpaused sources due at now.
func (db *DB) DueSources(ctx context.Context, now time.Time) ([]int64, error) {
	var ids []int64
	err := db.gorm.WithContext(ctx).Model(&sourceRow{}).Where("paused = ? AND next_run <= ?", false, now.Unix()).
		Order("next_run, id").Pluck("id", &ids).Error
	return ids, mapErr(err, "error.not_found")
}

// LeaseSource takes a source's sync lease by one conditional update, so
// that of several instances asking at once exactly one gets it.
func (db *DB) LeaseSource(ctx context.Context, id int64, token string, now, until time.Time, force bool) (bool, error) {
	q := db.gorm.WithContext(ctx).Model(&sourceRow{}).Where("id = ? AND lease_until <= ?", id, now.Unix())
	if !force {
		q = q.Where("paused = ? AND next_run <= ?", false, now.Unix())
	}
	res := q.Updates(map[string]any{"lease_token": token, "lease_until": until.Unix()})
	if res.Error != nil {
		return false, mapErr(res.Error, "source.not_found")
	}
	return res.RowsAffected == 1, nil
}

// ReleaseSource clears a lease token still holds.
func (db *DB) ReleaseSource(ctx context.Context, id int64, token string) error {
	err := db.gorm.WithContext(ctx).Model(&sourceRow{}).Where("id = ? AND lease_token = ?", id, token).
		Updates(map[string]any{"lease_token": "", "lease_until": 0}).Error
	return mapErr(err, "source.not_found")
}

func toLinkRow(l calendar.SourceLink) (sourceLinkRow, error) {
	r := sourceLinkRow{ID: l.ID, SourceID: l.SourceID, UID: l.UID, EventID: l.EventID, DraftHash: l.DraftHash,
		SyncedHash: l.SyncedHash, Missing: l.Missing, Open: l.Open, UpdatedAt: unix(l.UpdatedAt)}
	if l.Proposed != nil {
		b, err := json.Marshal(draftOf(*l.Proposed))
		if err != nil {
			return r, err
		}
		r.Proposed = string(b)
	}
	if l.Clash != nil {
		b, err := json.Marshal(l.Clash)
		if err != nil {
			return r, err
		}
		r.Clash = string(b)
	}
	return r, nil
}

func (r sourceLinkRow) link() calendar.SourceLink {
	l := calendar.SourceLink{ID: r.ID, SourceID: r.SourceID, UID: r.UID, EventID: r.EventID, DraftHash: r.DraftHash,
		SyncedHash: r.SyncedHash, Missing: r.Missing, Open: r.Open, UpdatedAt: fromUnix(r.UpdatedAt)}
	if r.Proposed != "" {
		var d proposedDraft
		if json.Unmarshal([]byte(r.Proposed), &d) == nil {
			e := d.event()
			l.Proposed = &e
		}
	}
	if r.Clash != "" {
		var c calendar.SyncClash
		if json.Unmarshal([]byte(r.Clash), &c) == nil {
			l.Clash = &c
		}
	}
	return l
}

// proposedDraft is the stored form of a source's proposed version: the
// whole event as the sync would save it.
type proposedDraft struct {
	Event calendar.Event `json:"event"`
}

func draftOf(e calendar.Event) proposedDraft {
	e.Organisers = idsOnlyOrgs(e.Organisers)
	e.Networks = idsOnlyNets(e.Networks)
	return proposedDraft{Event: e}
}

func (d proposedDraft) event() calendar.Event { return d.Event }

func idsOnlyOrgs(in []directory.Organisation) []directory.Organisation {
	out := make([]directory.Organisation, len(in))
	for i, o := range in {
		out[i] = directory.Organisation{ID: o.ID}
	}
	return out
}

func idsOnlyNets(in []directory.Network) []directory.Network {
	out := make([]directory.Network, len(in))
	for i, n := range in {
		out[i] = directory.Network{ID: n.ID}
	}
	return out
}

// SourceLinks returns a source's links.
func (db *DB) SourceLinks(ctx context.Context, sourceID int64) ([]calendar.SourceLink, error) {
	return db.links(db.gorm.WithContext(ctx).Where("source_id = ?", sourceID).Order("id"))
}

// SourceLinkByID returns one link, NotFound when missing.
func (db *DB) SourceLinkByID(ctx context.Context, id int64) (calendar.SourceLink, error) {
	var r sourceLinkRow
	if err := db.gorm.WithContext(ctx).Take(&r, "id = ?", id).Error; err != nil {
		return calendar.SourceLink{}, mapErr(err, "error.not_found")
	}
	return r.link(), nil
}

// OpenSourceLinks lists the links that ask the secretariat something,
// with their source's name, oldest first.
func (db *DB) OpenSourceLinks(ctx context.Context) ([]calendar.SourceLink, error) {
	out, err := db.links(db.gorm.WithContext(ctx).Where("open <> '' OR clash <> ''").Order("updated_at, id").Limit(500))
	if err != nil {
		return nil, err
	}
	var srcs []sourceRow
	if err := db.gorm.WithContext(ctx).Select("id, name").Find(&srcs).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	names := map[int64]string{}
	for _, s := range srcs {
		names[s.ID] = s.Name
	}
	for i := range out {
		out[i].SourceName = names[out[i].SourceID]
	}
	return out, nil
}

func (db *DB) links(q *gorm.DB) ([]calendar.SourceLink, error) {
	var rows []sourceLinkRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	out := make([]calendar.SourceLink, len(rows))
	for i, r := range rows {
		out[i] = r.link()
	}
	return out, nil
}

// SaveSync stores one sync in one transaction and releases the lease;
// nothing is stored when the lease was lost (taken over after expiry).
func (db *DB) SaveSync(ctx context.Context, w calendar.SyncWrite) error {
	now := db.gorm.NowFunc()
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row := toSourceRow(&w.Source)
		res := tx.Model(&sourceRow{}).Where("id = ? AND lease_token = ?", w.Source.ID, w.Lease).Updates(map[string]any{
			"last_attempt": row.LastAttempt, "last_success": row.LastSuccess, "http_status": row.HTTPStatus,
			"seen_count": row.SeenCount, "new_count": row.NewCount, "changed_count": row.ChangedCount,
			"gone_count": row.GoneCount, "error_id": row.ErrorID, "error_args": row.ErrorArgs, "failures": row.Failures,
			"next_run": row.NextRun, "interval_seconds": row.IntervalSeconds, "etag": row.ETag,
			"last_modified": row.LastModified, "lease_token": "", "lease_until": 0})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.New(apperr.Conflict, "source.lease_lost")
		}
		for _, id := range w.Drop {
			if err := tx.Where("id = ?", id).Delete(&sourceLinkRow{}).Error; err != nil {
				return err
			}
		}
		for _, ch := range w.Changes {
			if err := db.saveEvent(tx, ch, now); err != nil {
				return err
			}
		}
		for _, lw := range w.Links {
			l := lw.Link
			if lw.Event != nil {
				l.EventID = lw.Event.ID
			}
			l.UpdatedAt = now
			if err := saveLinkRow(tx, l); err != nil {
				return err
			}
		}
		return nil
	})
	return mapErr(err, "source.not_found")
}

// SaveLink stores a decision on a link with its changes, in one transaction.
func (db *DB) SaveLink(ctx context.Context, l calendar.SourceLink, chs ...calendar.EventChange) error {
	now := db.gorm.NowFunc()
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, ch := range chs {
			if err := db.saveEvent(tx, ch, now); err != nil {
				return err
			}
		}
		l.UpdatedAt = now
		return saveLinkRow(tx, l)
	})
	return mapErr(err, "error.not_found")
}

func saveLinkRow(tx *gorm.DB, l calendar.SourceLink) error {
	r, err := toLinkRow(l)
	if err != nil {
		return err
	}
	if r.ID == 0 {
		return tx.Create(&r).Error
	}
	return tx.Model(&sourceLinkRow{}).Where("id = ?", r.ID).Select("*").Omit("id", "source_id", "uid").Updates(&r).Error
}
