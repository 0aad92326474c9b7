// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

type submissionRow struct {
	ID                 int64
	EventID            int64
	Hold               bool
	Lang               string
	SubmitterName      string
	SubmitterEmail     string
	SubmitterAddr      string
	TokenHash          string
	ProposedOrgName    string
	ProposedOrgCountry string
	ProposedOrgWebsite string
	Warnings           string
	Reason             string
	MergedInto         *int64
	Withdrawn          bool
	CancelledBy        string
	DecidedBy          string
	DecidedAt          *time.Time
	EditDay            string
	EditCount          int
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

func (submissionRow) TableName() string { return "submissions" }

func toSubmissionRow(s *calendar.Submission) (submissionRow, error) {
	w, err := json.Marshal(s.Warnings)
	if err != nil {
		return submissionRow{}, err
	}
	if s.Warnings == nil {
		w = []byte("[]")
	}
	r := submissionRow{ID: s.ID, EventID: s.EventID, Hold: s.Hold, Lang: string(s.Lang), SubmitterName: s.SubmitterName,
		SubmitterEmail: s.SubmitterEmail, SubmitterAddr: s.Addr, TokenHash: s.TokenHash, ProposedOrgName: s.ProposedOrg.Name,
		ProposedOrgCountry: string(s.ProposedOrg.Country), ProposedOrgWebsite: s.ProposedOrg.Website, Warnings: string(w),
		Reason: s.Reason, Withdrawn: s.Withdrawn, CancelledBy: s.CancelledBy, DecidedBy: s.DecidedBy, CreatedAt: s.CreatedAt,
		EditCount: s.Edits}
	if !s.EditDay.IsZero() {
		r.EditDay = s.EditDay.String()
	}
	if s.MergedInto != 0 {
		r.MergedInto = &s.MergedInto
	}
	if !s.DecidedAt.IsZero() {
		t := s.DecidedAt.UTC()
		r.DecidedAt = &t
	}
	return r, nil
}

func (r submissionRow) submission() calendar.Submission {
	s := calendar.Submission{ID: r.ID, EventID: r.EventID, Hold: r.Hold, Lang: lang.Code(r.Lang), SubmitterName: r.SubmitterName,
		SubmitterEmail: r.SubmitterEmail, Addr: r.SubmitterAddr, TokenHash: r.TokenHash,
		ProposedOrg: calendar.ProposedOrganisation{Name: r.ProposedOrgName, Country: directory.Country(r.ProposedOrgCountry),
			Website: r.ProposedOrgWebsite},
		Reason: r.Reason, Withdrawn: r.Withdrawn, CancelledBy: r.CancelledBy, DecidedBy: r.DecidedBy, CreatedAt: r.CreatedAt.UTC()}
	_ = json.Unmarshal([]byte(r.Warnings), &s.Warnings)
	s.EditDay, _ = calendar.ParseDate(r.EditDay)
	s.Edits = r.EditCount
	if r.MergedInto != nil {
		s.MergedInto = *r.MergedInto
	}
	if r.DecidedAt != nil {
		s.DecidedAt = r.DecidedAt.UTC()
	}
	return s
}

// SubmissionByTokenHash returns the submission whose manage token hashes to hash.
func (db *DB) SubmissionByTokenHash(ctx context.Context, hash string) (calendar.Submission, error) {
	var r submissionRow
	if err := db.gorm.WithContext(ctx).Take(&r, "token_hash = ?", hash).Error; err != nil {
		return calendar.Submission{}, mapErr(err, "error.not_found")
	}
	return r.submission(), nil
}

// SubmissionByEvent returns the submission of event id.
func (db *DB) SubmissionByEvent(ctx context.Context, id int64) (calendar.Submission, error) {
	var r submissionRow
	if err := db.gorm.WithContext(ctx).Take(&r, "event_id = ?", id).Error; err != nil {
		return calendar.Submission{}, mapErr(err, "error.not_found")
	}
	return r.submission(), nil
}

// PendingSubmissions returns the submissions of pending events, oldest
// first, limit of them (all when 0) after skipping offset.
func (db *DB) PendingSubmissions(ctx context.Context, limit, offset int) ([]calendar.Submission, error) {
	var rows []submissionRow
	tx := db.gorm.WithContext(ctx).Model(&submissionRow{}).
		Joins("JOIN events ON events.id = submissions.event_id").Where("events.status = ?", calendar.Pending).
		Order("submissions.created_at, submissions.id")
	if limit > 0 {
		tx = tx.Limit(limit)
	}
	if offset > 0 {
		tx = tx.Offset(offset)
	}
	if err := tx.Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	out := make([]calendar.Submission, len(rows))
	for i, r := range rows {
		out[i] = r.submission()
	}
	return out, nil
}

// CountPending counts pending submissions, from email only unless it is "".
func (db *DB) CountPending(ctx context.Context, email string) (int, error) {
	var n int64
	q := db.gorm.WithContext(ctx).Model(&submissionRow{}).
		Joins("JOIN events ON events.id = submissions.event_id").
		Where("events.status = ?", calendar.Pending)
	if email != "" {
		q = q.Where("lower(submissions.submitter_email) = ?", strings.ToLower(email))
	}
	err := q.Count(&n).Error
	return int(n), mapErr(err, "error.not_found")
}

// quotaLock is the PostgreSQL advisory lock that serialises the quota
// checks of SaveEvents; on SQLite every write transaction is immediate and
// so already serialised.
const quotaLock = 0x6e6f7264 // "nord"

// hasQuota reports whether any change is saved under a quota.
func hasQuota(chs []calendar.EventChange) bool {
	for _, ch := range chs {
		if ch.Quota != nil && ch.Submission != nil && ch.Event.Status == calendar.Pending {
			return true
		}
	}
	return false
}

// lockQuota takes the quota lock for the rest of tx. It is taken before
// anything is written, so that a concurrent save counts after this one has
// committed.
func (db *DB) lockQuota(tx *gorm.DB) error {
	if db.dialect != Postgres {
		return nil
	}
	return tx.Exec("SELECT pg_advisory_xact_lock(?)", quotaLock).Error
}

// checkQuotas counts, in tx and after the changes were written, the
// pending submissions the quotas of chs cap (see calendar.EventChange).
func checkQuotas(tx *gorm.DB, chs []calendar.EventChange) error {
	pending := func(cond string, arg any) (int, error) {
		var n int64
		q := tx.Model(&submissionRow{}).Joins("JOIN events ON events.id = submissions.event_id").
			Where("events.status = ?", calendar.Pending)
		if cond != "" {
			q = q.Where(cond, arg)
		}
		err := q.Count(&n).Error
		return int(n), err
	}
	emails, addrs, total := map[string]int{}, map[string]int{}, 0
	for _, ch := range chs {
		q := ch.Quota
		if q == nil || ch.Submission == nil || ch.Event.Status != calendar.Pending {
			continue
		}
		if e := strings.ToLower(ch.Submission.SubmitterEmail); e != "" {
			emails[e] = q.PerSubmitter
		}
		if a := ch.Submission.Addr; a != "" {
			addrs[a] = q.PerAddress
		}
		total = max(total, q.Total)
	}
	for e, limit := range emails {
		n, err := pending("lower(submissions.submitter_email) = ?", e)
		if err != nil {
			return err
		}
		if limit > 0 && n > limit {
			return apperr.New(apperr.RateLimited, calendar.MsgTooManyPending)
		}
	}
	for a, limit := range addrs {
		n, err := pending("submissions.submitter_addr = ?", a)
		if err != nil {
			return err
		}
		if limit > 0 && n > limit {
			return apperr.New(apperr.RateLimited, calendar.MsgTooManyPendingNetwork)
		}
	}
	if total > 0 {
		n, err := pending("", nil)
		if err != nil {
			return err
		}
		if n > total {
			return apperr.New(apperr.RateLimited, calendar.MsgQueueFull)
		}
	}
	return nil
}

// forgetAddrs clears the address of the submissions whose events left
// moderation with chs: it served the pending cap only.
func forgetAddrs(tx *gorm.DB, chs []calendar.EventChange) error {
	for _, ch := range chs {
		if ch.Event.Status == calendar.Pending {
			continue
		}
		if err := tx.Model(&submissionRow{}).Where("event_id = ? AND submitter_addr <> ''", ch.Event.ID).
			Update("submitter_addr", "").Error; err != nil {
			return err
		}
	}
	return nil
}

// facetRow is the projection the clash check reads.
type facetRow struct {
	ID       int64
	SeriesID int64
	Status   string
	AllDay   bool
	StartAt  time.Time
	EndAt    time.Time
	StartDay string
	EndDay   string
	City     string
	Country  string
	Category string
	Audience string
	Facets   string
}

// shortSpanDays is the longest span_days (last day minus first day) of a
// short event. longEvent is the condition of the partial indexes of long
// events (migration 00007); the query repeats it word for word so that
// both engines see that those indexes apply.
const shortSpanDays = 7

var longEvent = "span_days > " + strconv.Itoa(shortSpanDays)

// ClashFacets returns the clash view of the events with statuses that
// touch first..last.
func (db *DB) ClashFacets(ctx context.Context, q calendar.FacetQuery) ([]calendar.Facets, error) {
	// The rows are scanned by hand into one reused row: this query runs on
	// every keystroke of the registration form, and reflection and a
	// value per row cost more than the database.
	var out []calendar.Facets
	var f facetRow
	if q.Category == "" && len(q.Networks) == 0 {
		dest := []any{&f.ID, &f.SeriesID, &f.Status, &f.AllDay, &f.StartAt, &f.EndAt, &f.StartDay, &f.EndDay, &f.City, &f.Country,
			&f.Category, &f.Audience, &f.Facets}
		err := db.scanDays(ctx, q, "id, COALESCE(series_id, 0), status, all_day, start_at, end_at, start_day, end_day, city, country, category, audience, facets",
			false, "", nil, func(r *sql.Rows) error {
				if err := r.Scan(dest...); err != nil {
					return err
				}
				out = append(out, f.facets())
				return nil
			})
		if err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		return out, nil
	}
	// The days taken by events that rule out dates: the same category, read
	// from the (status, category, start_day, end_day) index alone, and
	// events of the same networks. Many events share their days, and a day
	// taken twice is no more taken: each distinct span is read once per
	// part (a span found by category and by network comes twice, since only
	// the network part reads facets; that costs a row, not a wrong answer).
	dest := []any{&f.Category, &f.StartDay, &f.EndDay, &f.Facets}
	spans := func(r *sql.Rows) error {
		if err := r.Scan(dest...); err != nil {
			return err
		}
		out = append(out, f.facets())
		return nil
	}
	if q.Category != "" {
		if err := db.scanDays(ctx, q, "category, start_day, end_day, '' AS facets", true, "category = ? AND id <> ?"+notSeries(q),
			append([]any{string(q.Category), q.Exclude}, seriesArgs(q)...), spans); err != nil {
			return nil, mapErr(err, "error.not_found")
		}
	}
	if len(q.Networks) > 0 {
		cond, args := "", []any{}
		for i, n := range q.Networks {
			if i > 0 {
				cond += " OR "
			}
			cond += "facets LIKE ?"
			args = append(args, "% n"+strconv.FormatInt(n, 10)+" %")
		}
		if err := db.scanDays(ctx, q, "category, start_day, end_day, facets", true, "("+cond+") AND id <> ?"+notSeries(q),
			append(append(args, q.Exclude), seriesArgs(q)...), spans); err != nil {
			return nil, mapErr(err, "error.not_found")
		}
	}
	return out, nil
}

// notSeries is the condition that leaves out the dates of
// q.ExcludeSeries, and seriesArgs its argument; without one there is no
// condition, so that the category part is still read from its index alone.
func notSeries(q calendar.FacetQuery) string {
	if q.ExcludeSeries == 0 {
		return ""
	}
	return " AND (series_id IS NULL OR series_id <> ?)"
}

func seriesArgs(q calendar.FacetQuery) []any {
	if q.ExcludeSeries == 0 {
		return nil
	}
	return []any{q.ExcludeSeries}
}

// scanDays selects cols of the events with q's statuses that touch
// q.First..q.Last and meet cond, and hands each row to scan; with distinct,
// each distinct row once. Events run at most calendar.MaxSpan, which bounds
// how far back their start may lie, so that an index on start_day does the
// work. Most events are short, so the range is read in two parts: every
// event that starts at most shortSpanDays before First, and the long events
// that start earlier, from their own small index. A short event that starts
// earlier ends before First: together the parts are exactly the events that
// touch the days. Each part is read per status, in one statement: on
// SQLite a list (status IN …) would cost each part a temporary table.
func (db *DB) scanDays(ctx context.Context, q calendar.FacetQuery, cols string, distinct bool, cond string, args []any,
	scan func(*sql.Rows) error) error {
	if len(q.Statuses) == 0 {
		return nil
	}
	earliest := q.First.AddDays(-int(calendar.MaxSpan/(24*time.Hour)) - 1)
	shortFrom := q.First.AddDays(-shortSpanDays)
	part := "SELECT " + cols + " FROM events WHERE status = ? AND start_day BETWEEN ? AND ? AND end_day >= ? AND rrule = ''"
	if cond != "" {
		part += " AND " + cond
	}
	// Sorted and once each, as the IN list gave them: the secretariat's
	// clash report orders events that start together as they come.
	statuses := slices.Compact(slices.Sorted(slices.Values(q.Statuses)))
	var parts []string
	var vars []any
	for _, st := range statuses {
		parts = append(parts, part, part+" AND "+longEvent)
		vars = append(vars, string(st), shortFrom.String(), q.Last.String(), q.First.String())
		vars = append(vars, args...)
		vars = append(vars, string(st), earliest.String(), shortFrom.AddDays(-1).String(), q.First.String())
		vars = append(vars, args...)
	}
	stmt := strings.Join(parts, " UNION ALL ")
	if distinct {
		stmt = "SELECT DISTINCT * FROM (" + stmt + ") AS days"
	}
	return scanRows(db.gorm.WithContext(ctx).Raw(stmt, vars...), scan)
}

// scanRows runs q and hands each row to scan.
func scanRows(q *gorm.DB, scan func(*sql.Rows) error) error {
	rows, err := q.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// facets returns the clash view of the row.
func (r *facetRow) facets() calendar.Facets {
	f := calendar.Facets{ID: r.ID, SeriesID: r.SeriesID, Status: calendar.Status(r.Status), AllDay: r.AllDay, Start: r.StartAt.UTC(), End: r.EndAt.UTC(),
		City: r.City, Country: directory.Country(r.Country), Category: calendar.Category(r.Category), Audience: calendar.Audience(r.Audience)}
	f.CityKey = calendar.CityKey(r.City)
	f.FirstDay, _ = calendar.ParseDate(r.StartDay)
	f.LastDay, _ = calendar.ParseDate(r.EndDay)
	for tok := range strings.FieldsSeq(r.Facets) {
		switch tok[0] {
		case 'n':
			if id, err := strconv.ParseInt(tok[1:], 10, 64); err == nil {
				f.Networks = append(f.Networks, id)
			}
		case 't':
			f.Topics = append(f.Topics, calendar.Topic(tok[1:]))
		case 'c':
			f.OrganiserCountries = append(f.OrganiserCountries, directory.Country(tok[1:]))
		}
	}
	return f
}

// facetsText is what toRow stores in events.facets.
func facetsText(e *calendar.Event) string {
	f := calendar.FacetsOf(*e)
	var b strings.Builder
	b.WriteByte(' ')
	for _, n := range f.Networks {
		b.WriteString("n" + strconv.FormatInt(n, 10) + " ")
	}
	for _, t := range f.Topics {
		b.WriteString("t" + string(t) + " ")
	}
	for _, c := range f.OrganiserCountries {
		b.WriteString("c" + string(c) + " ")
	}
	return b.String()
}

// EventsByID returns the events with ids; missing ones are left out.
func (db *DB) EventsByID(ctx context.Context, ids []int64) ([]calendar.Event, error) {
	rows, err := db.rowsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return db.hydrate(ctx, rows)
}

// EventSummaries returns the events with ids with what names and dates
// them in a list (see calendar.SubmissionStore), in one query: the clash
// check shows up to twenty on every keystroke of the registration form.
func (db *DB) EventSummaries(ctx context.Context, ids []int64) ([]calendar.Event, error) {
	var out []calendar.Event
	index := make(map[int64]int, len(ids))
	for _, part := range chunks(ids, 500) {
		q := db.gorm.WithContext(ctx).Table("events e").
			Select("e.id, e.status, e.original_lang, e.all_day, e.start_at, e.end_at, e.start_day, e.end_day, e.zone, t.lang, t.title").
			Joins("LEFT JOIN event_texts t ON t.event_id = e.id").Where("e.id IN ?", part)
		err := scanRows(q, func(r *sql.Rows) error {
			var row eventRow
			var l, title sql.NullString
			if err := r.Scan(&row.ID, &row.Status, &row.OriginalLang, &row.AllDay, &row.StartAt, &row.EndAt, &row.StartDay,
				&row.EndDay, &row.Zone, &l, &title); err != nil {
				return err
			}
			i, ok := index[row.ID]
			if !ok {
				i, index[row.ID] = len(out), len(out)
				out = append(out, fromRow(row))
			}
			if l.Valid {
				out[i].Texts[lang.Code(l.String)] = calendar.Text{Title: title.String}
			}
			return nil
		})
		if err != nil {
			return nil, mapErr(err, "error.not_found")
		}
	}
	return out, nil
}

func (db *DB) rowsByID(ctx context.Context, ids []int64) ([]eventRow, error) {
	var rows []eventRow
	for _, part := range chunks(ids, 500) {
		var r []eventRow
		if err := db.gorm.WithContext(ctx).Where("id IN ?", part).Find(&r).Error; err != nil {
			return nil, mapErr(err, "error.not_found")
		}
		rows = append(rows, r...)
	}
	return rows, nil
}

// EventByUID returns the event with uid or NotFound.
func (db *DB) EventByUID(ctx context.Context, uid string) (calendar.Event, error) {
	return db.eventWhere(ctx, "uid = ?", uid)
}

// ResolveLinks fills e's organisers and networks from their IDs.
func (db *DB) ResolveLinks(ctx context.Context, e *calendar.Event) error {
	return mapErr(db.resolveLinks(db.gorm.WithContext(ctx), e), "error.not_found")
}

type protectedRow struct {
	ID        int64
	Names     string
	FirstDay  string
	LastDay   string
	Yearly    bool
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (protectedRow) TableName() string { return "protected_dates" }

// ProtectedDates returns every protected date ordered by first day.
func (db *DB) ProtectedDates(ctx context.Context) ([]calendar.ProtectedDate, error) {
	var rows []protectedRow
	if err := db.gorm.WithContext(ctx).Order("first_day, id").Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	out := make([]calendar.ProtectedDate, 0, len(rows))
	for _, r := range rows {
		p := calendar.ProtectedDate{ID: r.ID, Yearly: r.Yearly, Version: r.Version, UpdatedAt: r.UpdatedAt.UTC()}
		_ = json.Unmarshal([]byte(r.Names), &p.Names)
		p.First, _ = calendar.ParseDate(r.FirstDay)
		p.Last, _ = calendar.ParseDate(r.LastDay)
		out = append(out, p)
	}
	return out, nil
}

// SaveProtectedDate creates or updates p (version-checked) with its audit entry.
func (db *DB) SaveProtectedDate(ctx context.Context, p *calendar.ProtectedDate, e audit.Entry) error {
	names, err := json.Marshal(p.Names)
	if err != nil {
		return apperr.Wrap(err)
	}
	now := db.gorm.NowFunc()
	row := protectedRow{ID: p.ID, Names: string(names), FirstDay: p.First.String(), LastDay: p.Last.String(), Yearly: p.Yearly,
		Version: 1, CreatedAt: now, UpdatedAt: now}
	err = db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if p.ID == 0 {
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
		} else {
			res := tx.Model(&protectedRow{}).Where("id = ? AND version = ?", p.ID, p.Version).Updates(map[string]any{
				"names": row.Names, "first_day": row.FirstDay, "last_day": row.LastDay, "yearly": row.Yearly,
				"version": gorm.Expr("version + 1"), "updated_at": now})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				return apperr.New(apperr.Conflict, "error.conflict.version")
			}
			row.Version = p.Version + 1
		}
		if e.RecordID == 0 {
			e.RecordID = row.ID
		}
		return db.appendAudit(tx, e)
	})
	if err != nil {
		return mapErr(err, "error.not_found")
	}
	p.ID, p.Version, p.UpdatedAt = row.ID, row.Version, now
	return nil
}

// DeleteProtectedDate removes protected date id with its audit entry.
func (db *DB) DeleteProtectedDate(ctx context.Context, id int64, e audit.Entry) error {
	err := db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Delete(&protectedRow{}, id)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return gorm.ErrRecordNotFound
		}
		return db.appendAudit(tx, e)
	})
	return mapErr(err, "error.not_found")
}
