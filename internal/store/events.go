// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

type eventRow struct {
	ID                   int64
	UID                  string `gorm:"column:uid"`
	Status               string
	Sequence             int
	OriginalLang         string
	AllDay               bool
	StartAt              time.Time
	EndAt                time.Time
	StartDay             string
	EndDay               string
	SpanDays             int
	Zone                 string
	Venue                string
	Address              string
	City                 string
	Country              string
	Attendance           string
	OnlineURL            string `gorm:"column:online_url"`
	Category             string
	Audience             string
	Languages            string
	RegistrationURL      string `gorm:"column:registration_url"`
	RegistrationDeadline string
	ContactEmail         string
	PublicURL            string `gorm:"column:public_url"`
	Search               string
	Facets               string
	Version              int
	Rrule                string `gorm:"column:rrule"`
	Rdates               string
	Exdates              string
	SeriesID             *int64
	RecurrenceKey        string
	Overridden           bool
	// The calendar sets both (calendar.revise): LAST-MODIFIED moves only
	// when something a calendar shows changed, so gorm must not.
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt time.Time `gorm:"autoUpdateTime:false"`
}

func (eventRow) TableName() string { return "events" }

type eventTextRow struct {
	EventID     int64  `gorm:"primaryKey"`
	Lang        string `gorm:"primaryKey"`
	Title       string
	Description string
}

func (eventTextRow) TableName() string { return "event_texts" }

type eventOrganiserRow struct {
	EventID        int64 `gorm:"primaryKey"`
	OrganisationID int64 `gorm:"primaryKey"`
	Position       int
}

func (eventOrganiserRow) TableName() string { return "event_organisers" }

type eventNetworkRow struct {
	EventID   int64 `gorm:"primaryKey"`
	NetworkID int64 `gorm:"primaryKey"`
}

func (eventNetworkRow) TableName() string { return "event_networks" }

type eventTopicRow struct {
	EventID int64  `gorm:"primaryKey"`
	Topic   string `gorm:"primaryKey"`
}

func (eventTopicRow) TableName() string { return "event_topics" }

func toRow(e *calendar.Event) eventRow {
	first, last := e.Days()
	deadline := ""
	if !e.RegistrationDeadline.IsZero() {
		deadline = e.RegistrationDeadline.String()
	}
	return eventRow{
		ID: e.ID, UID: e.UID, Status: string(e.Status), Sequence: e.Sequence, OriginalLang: string(e.OriginalLang),
		AllDay: e.AllDay, StartAt: e.Start.UTC(), EndAt: e.End.UTC(), StartDay: first.String(), EndDay: last.String(),
		SpanDays: first.DaysUntil(last), Zone: e.Zone, Venue: e.Venue, Address: e.Address, City: e.City, Country: string(e.Country),
		Attendance: string(e.Attendance), OnlineURL: e.OnlineURL, Category: string(e.Category),
		Audience: string(e.Audience), Languages: strings.Join(e.Languages, ","), RegistrationURL: e.RegistrationURL,
		RegistrationDeadline: deadline, ContactEmail: e.ContactEmail, PublicURL: e.PublicURL,
		Search: e.SearchText(), Facets: facetsText(e), Version: e.Version, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt,
		Rrule: e.Repeat.Rule, Rdates: calendar.JoinKeys(e.Repeat.RDates, e.AllDay),
		Exdates: calendar.JoinKeys(e.Repeat.ExDates, e.AllDay), RecurrenceKey: e.RecurrenceKey, Overridden: e.Overridden,
	}
}

// rowOf is toRow for a record that may be a date of a series: its UID
// column holds the series' UID and the date's key, unique as the column
// must be; fromRow gives the occurrence the series' UID back.
func rowOf(e *calendar.Event) eventRow {
	r := toRow(e)
	if e.SeriesID != 0 {
		id := e.SeriesID
		r.SeriesID = &id
		r.UID = e.UID + occurrenceUIDSep + e.RecurrenceKey
	}
	return r
}

// occurrenceUIDSep separates a series' UID from a date's key in the uid
// column of an occurrence.
const occurrenceUIDSep = "/@"

func fromRow(r eventRow) calendar.Event {
	e := calendar.Event{
		ID: r.ID, UID: r.UID, Status: calendar.Status(r.Status), Sequence: r.Sequence, Version: r.Version,
		OriginalLang: lang.Code(r.OriginalLang), Texts: map[lang.Code]calendar.Text{},
		AllDay: r.AllDay, Start: r.StartAt.UTC(), End: r.EndAt.UTC(), Zone: r.Zone,
		Venue: r.Venue, Address: r.Address, City: r.City, Country: directory.Country(r.Country),
		Attendance: calendar.Attendance(r.Attendance), OnlineURL: r.OnlineURL, Category: calendar.Category(r.Category),
		Audience: calendar.Audience(r.Audience), RegistrationURL: r.RegistrationURL, ContactEmail: r.ContactEmail,
		PublicURL: r.PublicURL, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	if r.Languages != "" {
		e.Languages = strings.Split(r.Languages, ",")
	}
	if r.AllDay {
		e.StartDate, _ = calendar.ParseDate(r.StartDay)
		e.EndDate, _ = calendar.ParseDate(r.EndDay)
	}
	if r.RegistrationDeadline != "" {
		e.RegistrationDeadline, _ = calendar.ParseDate(r.RegistrationDeadline)
	}
	if r.Rrule != "" {
		e.Repeat = calendar.Repeat{Rule: r.Rrule, RDates: calendar.SplitKeys(r.Rdates), ExDates: calendar.SplitKeys(r.Exdates)}
	}
	if r.SeriesID != nil {
		e.SeriesID, e.RecurrenceKey, e.Overridden = *r.SeriesID, r.RecurrenceKey, r.Overridden
		if i := strings.LastIndex(e.UID, occurrenceUIDSep); i >= 0 {
			e.UID = e.UID[:i]
		}
	}
	return e
}

// where applies q's conditions to a query on events. Lists read single
// events and the dates of series, never a series' master row.
func where(tx *gorm.DB, q calendar.Query) *gorm.DB {
	tx = whereStatus(tx, q).Where("events.rrule = ''")
	switch {
	case !q.EndsAfter.IsZero() && !q.CancelledEndsAfter.IsZero():
		tx = tx.Where("((events.status <> ? AND events.end_at > ?) OR (events.status = ? AND events.end_at > ?))",
			calendar.Cancelled, q.EndsAfter.UTC(), calendar.Cancelled, q.CancelledEndsAfter.UTC())
	case !q.EndsAfter.IsZero():
		// The start bound is implied (no event runs longer than MaxSpan)
		// and lets the start index read the list from now on instead of
		// from the first event ever stored.
		tx = tx.Where("events.end_at > ? AND events.start_at > ?", q.EndsAfter.UTC(),
			q.EndsAfter.Add(-calendar.MaxSpan-48*time.Hour).UTC())
	}
	// Keyset: the row value of the cursor event, read in the same
	// statement, so that times are compared as stored.
	if q.After != 0 {
		tx = tx.Where("(events.start_at, events.id) > (SELECT k.start_at, k.id FROM events k WHERE k.id = ?)", q.After)
	}
	if q.Before != 0 {
		tx = tx.Where("(events.start_at, events.id) < (SELECT k.start_at, k.id FROM events k WHERE k.id = ?)", q.Before)
	}
	if !q.EndsBy.IsZero() {
		tx = tx.Where("events.end_at <= ?", q.EndsBy.UTC())
	}
	if !q.From.IsZero() {
		tx = tx.Where("events.end_day >= ?", q.From.String())
	}
	if !q.To.IsZero() {
		tx = tx.Where("events.start_day <= ?", q.To.String())
	}
	if len(q.Countries) > 0 {
		tx = tx.Where(`(events.country IN ? OR EXISTS (SELECT 1 FROM event_organisers eo
			JOIN organisations o ON o.id = eo.organisation_id WHERE eo.event_id = events.id AND o.country IN ?))`,
			q.Countries, q.Countries)
	}
	if len(q.Organisers) > 0 {
		tx = tx.Where(`EXISTS (SELECT 1 FROM event_organisers eo JOIN organisations o ON o.id = eo.organisation_id
			WHERE eo.event_id = events.id AND o.slug IN ?)`, q.Organisers)
	}
	if len(q.Networks) > 0 {
		tx = tx.Where(`EXISTS (SELECT 1 FROM event_networks en JOIN networks n ON n.id = en.network_id
			WHERE en.event_id = events.id AND n.slug IN ?)`, q.Networks)
	}
	if len(q.Categories) > 0 {
		tx = tx.Where("events.category IN ?", q.Categories)
	}
	if len(q.Topics) > 0 {
		tx = tx.Where("EXISTS (SELECT 1 FROM event_topics et WHERE et.event_id = events.id AND et.topic IN ?)", q.Topics)
	}
	if len(q.Attendances) > 0 {
		tx = tx.Where("events.attendance IN ?", q.Attendances)
	}
	if len(q.Audiences) > 0 {
		tx = tx.Where("events.audience IN ?", q.Audiences)
	}
	if len(q.Languages) > 0 {
		// languages holds sorted codes joined by commas ("en,sv"); the
		// codes come from a fixed list, so they need no LIKE escaping.
		conds := make([]string, len(q.Languages))
		args := make([]any, len(q.Languages))
		for i, l := range q.Languages {
			conds[i] = "(',' || events.languages || ',') LIKE ?"
			args[i] = "%," + l + ",%"
		}
		tx = tx.Where("("+strings.Join(conds, " OR ")+")", args...)
	}
	if q.HideCancelled {
		tx = tx.Where("events.status <> ?", calendar.Cancelled)
	}
	for _, w := range calendar.QueryTerms(q.Query) {
		tx = tx.Where(`events.search LIKE ? ESCAPE '\'`, likePattern(w))
	}
	return tx
}

// ListEvents returns the events matching q in q.Sort's order, then by ID.
func (db *DB) ListEvents(ctx context.Context, q calendar.Query) ([]calendar.Event, error) {
	rows, err := db.eventRows(ctx, q)
	if err != nil {
		return nil, err
	}
	if q.TextsOnly {
		return db.withTexts(ctx, rows)
	}
	return db.hydrate(ctx, rows)
}

// withTexts turns rows into events with their texts only.
func (db *DB) withTexts(ctx context.Context, rows []eventRow) ([]calendar.Event, error) {
	out := make([]calendar.Event, len(rows))
	index := make(map[int64]int, len(rows))
	ids := make([]int64, len(rows))
	for i, r := range rows {
		out[i], index[r.ID], ids[i] = fromRow(r), i, r.ID
	}
	tx := db.gorm.WithContext(ctx)
	for _, part := range chunks(ids, 500) {
		if err := loadTexts(tx, part, out, index); err != nil {
			return nil, mapErr(err, "error.not_found")
		}
	}
	return out, nil
}

// CountEvents counts the events matching q, up to q.CountCap when set:
// then the database stops reading after that many rows.
func (db *DB) CountEvents(ctx context.Context, q calendar.Query) (int, error) {
	var n int64
	tx := db.gorm.WithContext(ctx)
	if q.CountCap > 0 {
		sub := where(tx.Model(&eventRow{}), q).Select("1").Limit(q.CountCap)
		tx = tx.Table("(?) AS capped", sub)
	} else {
		tx = where(tx.Model(&eventRow{}), q)
	}
	if err := tx.Count(&n).Error; err != nil {
		return 0, mapErr(err, "error.not_found")
	}
	return int(n), nil
}

// EventByID returns the event with id, whatever its status, or NotFound.
func (db *DB) EventByID(ctx context.Context, id int64) (calendar.Event, error) {
	return db.eventWhere(ctx, "id = ?", id)
}

// eventWhere loads the one event matching cond, or NotFound.
func (db *DB) eventWhere(ctx context.Context, cond string, arg any) (calendar.Event, error) {
	var row eventRow
	if err := db.gorm.WithContext(ctx).Take(&row, cond, arg).Error; err != nil {
		return calendar.Event{}, mapErr(err, "error.not_found")
	}
	evs, err := db.hydrate(ctx, []eventRow{row})
	if err != nil {
		return calendar.Event{}, err
	}
	return evs[0], nil
}

// hydrate loads texts, organisers, networks and topics for rows.
func (db *DB) hydrate(ctx context.Context, rows []eventRow) ([]calendar.Event, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	tx := db.gorm.WithContext(ctx)
	out := make([]calendar.Event, len(rows))
	index := make(map[int64]int, len(rows))
	ids := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = fromRow(r)
		index[r.ID] = i
		ids[i] = r.ID
	}
	links := make([]eventOrganiserRow, 0, len(rows))
	nets := make([]eventNetworkRow, 0, len(rows)/4)
	for _, part := range chunks(ids, 500) {
		if err := loadTexts(tx, part, out, index); err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		if err := loadTopics(tx, part, out, index); err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		var err error
		if links, nets, err = loadLinks(tx, part, links, nets); err != nil {
			return nil, mapErr(err, "error.not_found")
		}
	}
	orgIDs := make([]int64, 0, len(links))
	for _, l := range links {
		orgIDs = append(orgIDs, l.OrganisationID)
	}
	slices.Sort(orgIDs)
	orgs, err := db.organisationsByID(tx, slices.Compact(orgIDs))
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		e := &out[index[l.EventID]]
		e.Organisers = append(e.Organisers, orgs[l.OrganisationID])
	}
	netIDs := make([]int64, 0, len(nets))
	for _, n := range nets {
		netIDs = append(netIDs, n.NetworkID)
	}
	slices.Sort(netIDs)
	networks, err := db.networksByID(tx, slices.Compact(netIDs))
	if err != nil {
		return nil, err
	}
	for _, n := range nets {
		e := &out[index[n.EventID]]
		e.Networks = append(e.Networks, networks[n.NetworkID])
	}
	for i := range out {
		slices.SortFunc(out[i].Networks, func(a, b directory.Network) int { return strings.Compare(a.Slug, b.Slug) })
	}
	return out, nil
}

// SaveEvents is the one way events are written (calendar.EventWriter): each
// change creates or version-checks and replaces an event with its texts and
// links, stores its submission and a confirmed new organiser, and appends
// its audit entry, all changes in one transaction. The triggers of
// migration 00006 move the change stamp in the same transaction.
func (db *DB) SaveEvents(ctx context.Context, chs ...calendar.EventChange) error {
	now := db.gorm.NowFunc()
	quota := hasQuota(chs)
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if quota {
			if err := db.lockQuota(tx); err != nil {
				return err
			}
		}
		for _, ch := range chs {
			if err := db.saveEvent(tx, ch, now); err != nil {
				return err
			}
		}
		if quota {
			if err := checkQuotas(tx, chs); err != nil {
				return err
			}
		}
		return forgetAddrs(tx, chs)
	})
	return mapErr(err, "error.not_found")
}

func (db *DB) saveEvent(tx *gorm.DB, ch calendar.EventChange, now time.Time) error {
	e := ch.Event
	if ch.NewOrganiser != nil {
		if err := createOrganisation(tx, ch.NewOrganiser); err != nil {
			return err
		}
		e.Organisers = append([]directory.Organisation{*ch.NewOrganiser}, e.Organisers...)
	}
	if err := db.resolveLinks(tx, e); err != nil {
		return err
	}
	if ch.Series != nil {
		if err := dateOfSeries(tx, e, ch.Series); err != nil {
			return err
		}
	}
	if e.CreatedAt.IsZero() {
		e.CreatedAt = now
	}
	if e.UpdatedAt.IsZero() {
		e.UpdatedAt = now
	}
	row := rowOf(e)
	if e.ID == 0 {
		row.ID, row.Version = 0, 1
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		e.ID, e.Version = row.ID, 1
	} else {
		res := tx.Model(&eventRow{}).Where("id = ? AND version = ?", e.ID, e.Version).Select("*").
			Omit("id", "created_at", "version").Updates(&row)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			var n int64
			if err := tx.Model(&eventRow{}).Where("id = ?", e.ID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return gorm.ErrRecordNotFound
			}
			return apperr.New(apperr.Conflict, "error.conflict.version")
		}
		if err := tx.Model(&eventRow{}).Where("id = ?", e.ID).Update("version", gorm.Expr("version + 1")).Error; err != nil {
			return err
		}
		for _, m := range []any{&eventTextRow{}, &eventOrganiserRow{}, &eventNetworkRow{}, &eventTopicRow{}} {
			if err := tx.Where("event_id = ?", e.ID).Delete(m).Error; err != nil {
				return err
			}
		}
		e.Version++
	}
	if err := writeChildren(tx, []int64{e.ID}, []calendar.Event{*e}); err != nil {
		return err
	}
	if err := db.writeOccurrences(tx, e, now); err != nil {
		return err
	}
	if s := ch.Submission; s != nil {
		s.EventID = e.ID
		r, err := toSubmissionRow(s)
		if err != nil {
			return err
		}
		r.UpdatedAt = now
		if s.ID == 0 {
			r.CreatedAt = now
			if err := tx.Create(&r).Error; err != nil {
				return err
			}
			s.ID, s.CreatedAt = r.ID, now
		} else if err := tx.Model(&submissionRow{}).Where("id = ?", s.ID).Select("*").
			Omit("id", "created_at", "token_hash", "event_id").Updates(&r).Error; err != nil {
			return err
		}
	}
	a := ch.Audit
	if a.RecordID == 0 {
		a.RecordID = e.ID
	}
	return db.appendAudit(tx, a)
}

// resolveLinks replaces e's organisers and networks with the stored records
// of the same IDs, so callers may pass IDs only; an unknown ID is Invalid.
func (db *DB) resolveLinks(tx *gorm.DB, e *calendar.Event) error {
	ids := make([]int64, len(e.Organisers))
	for i, o := range e.Organisers {
		ids[i] = o.ID
	}
	orgs, err := db.organisationsByID(tx, ids)
	if err != nil {
		return err
	}
	for i, o := range e.Organisers {
		full, ok := orgs[o.ID]
		if !ok {
			return &apperr.Error{Kind: apperr.Invalid, MsgID: "error.invalid_reference",
				Fields: map[string]string{"organisers": "validation.organiser_unknown"}}
		}
		e.Organisers[i] = full
	}
	ids = ids[:0]
	for _, n := range e.Networks {
		ids = append(ids, n.ID)
	}
	nets, err := db.networksByID(tx, ids)
	if err != nil {
		return err
	}
	for i, n := range e.Networks {
		full, ok := nets[n.ID]
		if !ok {
			return &apperr.Error{Kind: apperr.Invalid, MsgID: "error.invalid_reference",
				Fields: map[string]string{"networks": "validation.network_unknown"}}
		}
		e.Networks[i] = full
	}
	return nil
}

// lastChange returns the latest updated_at over events, organisations and
// networks in one round trip, for Last-Modified; DataVersion asks for it
// only when the change stamp has moved. Each sub-select reads the newest
// row through the updated_at index. SQLite
// hands back sub-select values as text, PostgreSQL as timestamps, so the
// values are scanned as they come and parsed here.
func (db *DB) lastChange(ctx context.Context) (time.Time, error) {
	row := db.gorm.WithContext(ctx).Raw(`SELECT
		(SELECT updated_at FROM events ORDER BY updated_at DESC LIMIT 1),
		(SELECT updated_at FROM organisations ORDER BY updated_at DESC LIMIT 1),
		(SELECT updated_at FROM networks ORDER BY updated_at DESC LIMIT 1)`).Row()
	var vals [3]any
	if err := row.Scan(&vals[0], &vals[1], &vals[2]); err != nil {
		return time.Time{}, mapErr(err, "error.not_found")
	}
	var latest time.Time
	for _, v := range vals {
		t, err := asTime(v)
		if err != nil {
			return time.Time{}, apperr.Wrap(err)
		}
		if t.After(latest) {
			latest = t.UTC()
		}
	}
	return latest, nil
}

// asTime reads a timestamp scanned without a declared type.
func asTime(v any) (time.Time, error) {
	switch x := v.(type) {
	case nil:
		return time.Time{}, nil
	case time.Time:
		return x, nil
	case []byte:
		return parseStoredTime(string(x))
	case string:
		return parseStoredTime(x)
	}
	return time.Time{}, fmt.Errorf("store: unexpected timestamp %T", v)
}

// storedTimeLayouts are the forms the SQLite driver writes timestamps in.
var storedTimeLayouts = []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05"}

func parseStoredTime(s string) (time.Time, error) {
	for _, l := range storedTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("store: unreadable timestamp %q", s)
}

// EventDays returns the first and last local day of each matching event.
func (db *DB) EventDays(ctx context.Context, q calendar.Query) ([][2]calendar.Date, error) {
	var rows []struct{ StartDay, EndDay string }
	if err := where(db.gorm.WithContext(ctx).Model(&eventRow{}), q).Select("events.start_day, events.end_day").
		Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	out := make([][2]calendar.Date, 0, len(rows))
	for _, r := range rows {
		a, err1 := calendar.ParseDate(r.StartDay)
		b, err2 := calendar.ParseDate(r.EndDay)
		if err1 == nil && err2 == nil {
			out = append(out, [2]calendar.Date{a, b})
		}
	}
	return out, nil
}
