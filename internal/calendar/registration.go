// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

// Audit actions for events.
const (
	EventSubmit   = "event.submit"
	EventImport   = "event.import"
	EventUpdate   = "event.update"
	EventApprove  = "event.approve"
	EventReject   = "event.reject"
	EventMerge    = "event.merge"
	EventCancel   = "event.cancel"
	EventWithdraw = "event.withdraw"
)

// Option configures a Service.
type Option func(*Service)

// WithHolidays sets the holiday calendar of the clash check.
func WithHolidays(h Holidays) Option { return func(s *Service) { s.holidays = h } }

// WithClashRules replaces DefaultClashRules.
func WithClashRules(r ClashRules) Option { return func(s *Service) { s.rules = r } }

// Clashes runs the clash check for e, which need not be stored: its
// organisers and networks are given by ID. An event compared with itself
// (same ID) does not clash.
func (s *Service) Clashes(ctx context.Context, e Event) (ClashReport, error) {
	if e.Zone == "" {
		e.Zone = e.Country.Zone()
	}
	e.normalise()
	if err := s.store.ResolveLinks(ctx, &e); err != nil {
		return ClashReport{}, err
	}
	c := FacetsOf(e)
	gap := max(s.rules.GapDays, 0)
	others, err := s.store.ClashFacets(ctx, FacetQuery{First: c.FirstDay.AddDays(-gap), Last: c.LastDay.AddDays(gap),
		Statuses: ClashStatuses})
	if err != nil {
		return ClashReport{}, err
	}
	protected, err := s.store.ProtectedDates(ctx)
	if err != nil {
		return ClashReport{}, err
	}
	rules := s.rules
	rules.Alternatives = 0
	r := Evaluate(c, others, s.holidays, protected, rules)
	// Alternatives look further, at the events that rule a span out only.
	reach := gap + s.rules.AlternativeDays
	serious, err := s.store.ClashFacets(ctx, FacetQuery{First: c.FirstDay.AddDays(-reach), Last: c.LastDay.AddDays(reach),
		Statuses: ClashStatuses, Category: c.Category, Networks: c.Networks, Exclude: c.ID})
	if err != nil {
		return ClashReport{}, err
	}
	r.Alternatives = Alternatives(c, serious, s.holidays, protected, r.Countries, s.rules)
	today := DateOf(s.now().UTC())
	kept := r.Alternatives[:0]
	for _, a := range r.Alternatives {
		if !a.First.Before(today) {
			kept = append(kept, a)
		}
	}
	r.Alternatives = kept
	if err := s.loadClashEvents(ctx, r.Clashes); err != nil {
		return ClashReport{}, err
	}
	return r, nil
}

// loadClashEvents fills Event of each clash, for titles and links.
func (s *Service) loadClashEvents(ctx context.Context, cs []Clash) error {
	if len(cs) == 0 {
		return nil
	}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.Other.ID
	}
	evs, err := s.store.EventSummaries(ctx, ids)
	if err != nil {
		return err
	}
	byID := make(map[int64]Event, len(evs))
	for _, e := range evs {
		byID[e.ID] = e
	}
	for i := range cs {
		cs[i].Event = byID[cs[i].Other.ID]
	}
	return nil
}

// Receipt is what a submitter gets back: the stored event, the manage
// link's token (shown once) and the warnings they saw.
type Receipt struct {
	Event      Event
	Submission Submission
	Token      string
	Report     ClashReport
}

// Submit stores e as a pending event with its submission. Whole-event
// submissions need every field; a hold (sub.Hold) needs only dates, title
// and organiser. A proposed organisation stands in for a picked one. The
// clash warnings are computed and stored with the submission; they never
// block it.
func (s *Service) Submit(ctx context.Context, e *Event, sub *Submission) (Receipt, error) {
	e.Status = Pending
	e.ID, e.UID, e.Sequence, e.Version = 0, "", 0, 0
	if sub.Hold {
		e.Attendance = OnSite
		if e.Audience == "" {
			e.Audience = Open
		}
	}
	fields := apperr.Fields{}
	if err := e.validate(validation{organiser: sub.ProposedOrg.IsZero(), place: !sub.Hold}); err != nil {
		mergeFields(fields, err)
	}
	if err := sub.Validate(); err != nil {
		mergeFields(fields, err)
	}
	if !sub.ProposedOrg.IsZero() && len(e.Organisers) > 0 {
		fields.Add("org_name", "validation.org_either")
	}
	if err := fields.Err("validation.failed"); err != nil {
		return Receipt{}, err
	}
	n, err := s.store.CountPending(ctx, sub.SubmitterEmail)
	if err != nil {
		return Receipt{}, err
	}
	if n >= MaxPendingPerEmail {
		return Receipt{}, apperr.New(apperr.RateLimited, "submit.too_many_pending")
	}
	report, err := s.Clashes(ctx, *e)
	if err != nil {
		return Receipt{}, err
	}
	token := newToken()
	sub.TokenHash = HashToken(token)
	sub.Warnings = report.Warnings(sub.Lang)
	e.UID = s.newUID()
	entry := audit.Entry{Actor: submitterActor(*sub), Action: EventSubmit, RecordType: "event",
		RecordLabel: firstTitle(*e), Changes: audit.Diff(nil, eventFields(*e))}
	if err := s.store.SaveEvent(ctx, EventChange{Event: e, Submission: sub, Audit: entry}); err != nil {
		return Receipt{}, err
	}
	return Receipt{Event: *e, Submission: *sub, Token: token, Report: report}, nil
}

// mergeFields copies the field messages of an Invalid error into f.
func mergeFields(f apperr.Fields, err error) {
	var ae *apperr.Error
	if e, ok := err.(*apperr.Error); ok {
		ae = e
	}
	if ae == nil {
		f.Add("form", "error.internal")
		return
	}
	for k, v := range ae.Fields {
		f.Add(k, v)
	}
}

// newToken returns 32 random bytes, URL-safe: the manage link's secret.
func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is how manage tokens are stored and looked up.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// submitterActor is the audit actor for changes made with a manage link.
func submitterActor(sub Submission) audit.Actor {
	return audit.Actor{ID: 0, Email: sub.SubmitterEmail}
}

func firstTitle(e Event) string {
	t, _ := e.Title(e.OriginalLang)
	return t
}

// eventFields is the audit view of an event: the fields people change.
func eventFields(e Event) map[string]string {
	m := map[string]string{
		"status": string(e.Status), "start": e.Start.UTC().Format("2006-01-02T15:04Z"), "end": e.End.UTC().Format("2006-01-02T15:04Z"),
		"all_day": strconv.FormatBool(e.AllDay), "zone": e.Zone, "venue": e.Venue, "address": e.Address, "city": e.City,
		"country": string(e.Country), "attendance": string(e.Attendance), "online_url": e.OnlineURL,
		"category": string(e.Category), "audience": string(e.Audience), "registration_url": e.RegistrationURL,
		"contact_email": e.ContactEmail, "public_url": e.PublicURL,
	}
	for l, t := range e.Texts {
		m["title_"+string(l)] = t.Title
		if len(t.Description) > 80 {
			m["description_"+string(l)] = t.Description[:80] + "…"
		} else {
			m["description_"+string(l)] = t.Description
		}
	}
	var orgs []string
	for _, o := range e.Organisers {
		orgs = append(orgs, strconv.FormatInt(o.ID, 10))
	}
	m["organisers"] = strings.Join(orgs, ",")
	var topics []string
	for _, t := range e.Topics {
		topics = append(topics, string(t))
	}
	m["topics"] = strings.Join(topics, ",")
	return m
}

// ByToken returns the submission and event of a manage link.
func (s *Service) ByToken(ctx context.Context, token string) (Submission, Event, error) {
	if len(token) < 20 || len(token) > 100 {
		return Submission{}, Event{}, apperr.New(apperr.NotFound, "manage.not_found")
	}
	sub, err := s.store.SubmissionByTokenHash(ctx, HashToken(token))
	if apperr.Is(err, apperr.NotFound) {
		return Submission{}, Event{}, apperr.New(apperr.NotFound, "manage.not_found")
	}
	if err != nil {
		return Submission{}, Event{}, err
	}
	e, err := s.store.EventByID(ctx, sub.EventID)
	if err != nil {
		return Submission{}, Event{}, err
	}
	return sub, e, nil
}

// EditByToken saves the organiser's edit of their event. The status stays
// as moderated: a pending event stays pending; a published event stays
// published and the edit takes effect at once, because organisers must be
// able to move a date or a venue without waiting and subscribers must get
// it (SEQUENCE rises). The secretariat sees every such edit, with the
// changed fields, in the audit trail. A tentative hold becomes published
// when confirm is set. Rejected, withdrawn and cancelled events are read-only.
func (s *Service) EditByToken(ctx context.Context, token string, next *Event, confirm bool) error {
	sub, old, err := s.ByToken(ctx, token)
	if err != nil {
		return err
	}
	if st := sub.State(old); st != StatePending && st != StatePublished {
		return apperr.New(apperr.Conflict, "manage.read_only")
	}
	next.ID, next.Status = old.ID, old.Status
	if confirm && old.Status == Tentative {
		next.Status = Published
	}
	hold := old.Status == Tentative && !confirm || old.Status == Pending && sub.Hold
	if err := next.validate(validation{organiser: sub.ProposedOrg.IsZero() || old.Status != Pending, place: !hold}); err != nil {
		return err
	}
	return s.saveChange(ctx, old, next, nil, submitterActor(sub), EventUpdate)
}

// saveChange stores next over old with a version check and an audit entry,
// raising SEQUENCE when time, place or status changed.
func (s *Service) saveChange(ctx context.Context, old Event, next *Event, sub *Submission, actor audit.Actor, action string) error {
	next.UID, next.CreatedAt, next.Sequence = old.UID, old.CreatedAt, old.Sequence
	if err := s.store.ResolveLinks(ctx, next); err != nil {
		return err
	}
	if changesSchedule(old, *next) {
		next.Sequence++
	}
	entry := audit.Entry{Actor: actor, Action: action, RecordType: "event", RecordID: old.ID, RecordLabel: firstTitle(*next),
		Changes: audit.Diff(eventFields(old), eventFields(*next))}
	return s.store.SaveEvent(ctx, EventChange{Event: next, Submission: sub, Audit: entry})
}

// CancelByToken cancels the organiser's event. A published or tentative
// event becomes cancelled and stays in feeds as STATUS:CANCELLED; one still
// awaiting moderation is withdrawn and never shown.
func (s *Service) CancelByToken(ctx context.Context, token string) error {
	sub, old, err := s.ByToken(ctx, token)
	if err != nil {
		return err
	}
	next := old
	switch sub.State(old) {
	case StatePublished:
		next.Status = Cancelled
		err = s.saveChange(ctx, old, &next, nil, submitterActor(sub), EventCancel)
	case StatePending:
		next.Status = Rejected
		sub.Withdrawn = true
		sub.DecidedAt = s.now().UTC()
		err = s.saveChange(ctx, old, &next, &sub, submitterActor(sub), EventWithdraw)
	default:
		return apperr.New(apperr.Conflict, "manage.read_only")
	}
	return err
}

// Moderation is a secretariat decision on a pending event.
type Moderation struct {
	EventID int64
	// Version is the event version the moderator saw.
	Version int
	Reason  string
	// MergeInto is the existing event a duplicate is merged into.
	MergeInto int64
}

func (s *Service) pending(ctx context.Context, m Moderation) (Event, Submission, error) {
	e, err := s.store.EventByID(ctx, m.EventID)
	if err != nil {
		return Event{}, Submission{}, err
	}
	sub, err := s.store.SubmissionByEvent(ctx, e.ID)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return Event{}, Submission{}, err
	}
	if e.Status != Pending {
		return Event{}, Submission{}, apperr.New(apperr.Conflict, "moderation.not_pending")
	}
	if m.Version != e.Version {
		return Event{}, Submission{}, apperr.New(apperr.Conflict, "error.conflict.version")
	}
	return e, sub, nil
}

// Approve publishes a pending event: a hold as tentative, anything else as
// published. A proposed organisation is created with it when the event has
// no organiser yet.
func (s *Service) Approve(ctx context.Context, actor audit.Actor, m Moderation) error {
	e, sub, err := s.pending(ctx, m)
	if err != nil {
		return err
	}
	next := e
	next.Status = Published
	if sub.Hold {
		next.Status = Tentative
	}
	var org *directory.Organisation
	if len(e.Organisers) == 0 {
		if sub.ProposedOrg.IsZero() {
			return apperr.New(apperr.Invalid, "moderation.organiser_missing")
		}
		o := directory.Organisation{Slug: slugFor(sub.ProposedOrg.Name, sub.ProposedOrg.Country), OriginalLang: sub.Lang,
			Names: lang.Texts{sub.Lang: sub.ProposedOrg.Name}, Country: sub.ProposedOrg.Country,
			Type: directory.NGO, Website: sub.ProposedOrg.Website}
		if err := o.Validate(); err != nil {
			return err
		}
		org = &o
	}
	if err := next.validate(validation{organiser: org == nil, place: !sub.Hold}); err != nil {
		return err
	}
	sub.DecidedBy, sub.DecidedAt = actor.Email, s.now().UTC()
	next.Sequence = e.Sequence
	if changesSchedule(e, next) {
		next.Sequence++
	}
	entry := audit.Entry{Actor: actor, Action: EventApprove, RecordType: "event", RecordID: e.ID, RecordLabel: firstTitle(e),
		Changes: audit.Diff(map[string]string{"status": string(e.Status)}, map[string]string{"status": string(next.Status)})}
	return s.store.SaveEvent(ctx, EventChange{Event: &next, Submission: subOrNil(sub), NewOrganiser: org, Audit: entry})
}

// Reject refuses a pending event with a reason the submitter sees.
func (s *Service) Reject(ctx context.Context, actor audit.Actor, m Moderation) error {
	m.Reason = strings.TrimSpace(m.Reason)
	if m.Reason == "" {
		return apperr.Fields{"reason": "validation.required"}.Err("validation.failed")
	}
	if len([]rune(m.Reason)) > 2000 || hasControl(m.Reason, true) {
		return apperr.Fields{"reason": "validation.text"}.Err("validation.failed")
	}
	e, sub, err := s.pending(ctx, m)
	if err != nil {
		return err
	}
	next := e
	next.Status = Rejected
	sub.Reason, sub.DecidedBy, sub.DecidedAt = m.Reason, actor.Email, s.now().UTC()
	entry := audit.Entry{Actor: actor, Action: EventReject, RecordType: "event", RecordID: e.ID, RecordLabel: firstTitle(e),
		Changes: []audit.Change{{Field: "status", Before: string(e.Status), After: string(next.Status)}, {Field: "reason", After: m.Reason}}}
	return s.store.SaveEvent(ctx, EventChange{Event: &next, Submission: subOrNil(sub), Audit: entry})
}

// Merge marks a pending event as a duplicate of an existing public one: the
// duplicate is never published and its submitter is pointed to the other.
func (s *Service) Merge(ctx context.Context, actor audit.Actor, m Moderation) error {
	e, sub, err := s.pending(ctx, m)
	if err != nil {
		return err
	}
	target, err := s.store.EventByID(ctx, m.MergeInto)
	if apperr.Is(err, apperr.NotFound) || (err == nil && (!target.IsPublic() || target.ID == e.ID)) {
		return apperr.Fields{"merge_into": "moderation.merge_target"}.Err("validation.failed")
	}
	if err != nil {
		return err
	}
	next := e
	next.Status = Rejected
	sub.MergedInto, sub.DecidedBy, sub.DecidedAt = target.ID, actor.Email, s.now().UTC()
	entry := audit.Entry{Actor: actor, Action: EventMerge, RecordType: "event", RecordID: e.ID, RecordLabel: firstTitle(e),
		Changes: []audit.Change{{Field: "status", Before: string(e.Status), After: string(next.Status)},
			{Field: "merged_into", After: strconv.FormatInt(target.ID, 10)}}}
	return s.store.SaveEvent(ctx, EventChange{Event: &next, Submission: subOrNil(sub), Audit: entry})
}

// Edit saves the secretariat's edit of any event, with a version check and
// an audit entry; the status is changed only by the moderation actions,
// except that a public event may be cancelled here.
func (s *Service) Edit(ctx context.Context, actor audit.Actor, next *Event) error {
	old, err := s.store.EventByID(ctx, next.ID)
	if err != nil {
		return err
	}
	if next.Status != old.Status && !(old.IsPublic() && next.Status == Cancelled) {
		next.Status = old.Status
	}
	sub, err := s.store.SubmissionByEvent(ctx, old.ID)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	hold := sub.Hold && (old.Status == Pending || old.Status == Tentative)
	if err := next.validate(validation{organiser: !(old.Status == Pending && !sub.ProposedOrg.IsZero()), place: !hold}); err != nil {
		return err
	}
	next.ID = old.ID
	err = s.saveChange(ctx, old, next, nil, actor, EventUpdate)
	return err
}

// Submission returns the submission of an event, NotFound when it has none.
func (s *Service) Submission(ctx context.Context, eventID int64) (Submission, error) {
	return s.store.SubmissionByEvent(ctx, eventID)
}

// EventAny returns an event whatever its status, for the secretariat.
func (s *Service) EventAny(ctx context.Context, id int64) (Event, error) {
	return s.store.EventByID(ctx, id)
}

// PendingItem is one entry of the moderation queue.
type PendingItem struct {
	Event      Event
	Submission Submission
}

// PendingCount returns how many submissions await moderation, without
// loading their events.
func (s *Service) PendingCount(ctx context.Context) (int, error) {
	return s.store.CountPending(ctx, "")
}

// Pending returns the whole moderation queue, oldest first.
func (s *Service) Pending(ctx context.Context) ([]PendingItem, error) {
	subs, err := s.store.PendingSubmissions(ctx, 0, 0)
	if err != nil {
		return nil, err
	}
	return s.pendingItems(ctx, subs)
}

// pendingItems loads the events of subs and pairs them, in subs' order.
func (s *Service) pendingItems(ctx context.Context, subs []Submission) ([]PendingItem, error) {
	ids := make([]int64, len(subs))
	for i, sb := range subs {
		ids[i] = sb.EventID
	}
	evs, err := s.store.EventsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[int64]Event{}
	for _, e := range evs {
		byID[e.ID] = e
	}
	out := make([]PendingItem, 0, len(subs))
	for _, sb := range subs {
		if e, ok := byID[sb.EventID]; ok {
			out = append(out, PendingItem{Event: e, Submission: sb})
		}
	}
	return out, nil
}

func subOrNil(s Submission) *Submission {
	if s.ID == 0 {
		return nil
	}
	return &s
}

// slugFor makes a URL slug for a proposed organisation from its name.
func slugFor(name string, country directory.Country) string {
	var b strings.Builder
	dash := false
	for _, r := range lang.Fold(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	slug := strings.Trim(b.String(), "-")
	if slug == "" {
		slug = "organisation"
	}
	suffix := make([]byte, 3)
	if _, err := rand.Read(suffix); err != nil {
		panic(err)
	}
	return slug + "-" + strings.ToLower(string(country)) + "-" + hex.EncodeToString(suffix)
}

// ClashPair is two planned events that collide.
type ClashPair struct {
	A, B  Event
	Clash Clash
}

// MaxClashPairs caps the secretariat's clash report.
const MaxClashPairs = 300

// ClashPairs returns every pair of colliding planned events in the next
// twelve months, worst first: the secretariat's clash report.
func (s *Service) ClashPairs(ctx context.Context) ([]ClashPair, error) {
	today := DateOf(s.now().UTC())
	fs, err := s.store.ClashFacets(ctx, FacetQuery{First: today, Last: today.AddDays(365), Statuses: ClashStatuses})
	if err != nil {
		return nil, err
	}
	// Ordered by local first day: the inner loop stops at the first event
	// that starts after the reach, which must hold across time zones.
	slices.SortFunc(fs, func(a, b Facets) int {
		if d := a.FirstDay.DaysUntil(b.FirstDay); d != 0 {
			return -d
		}
		return a.Start.Compare(b.Start)
	})
	var pairs []ClashPair
	for i := range fs {
		reach := fs[i].LastDay.AddDays(max(s.rules.GapDays, 0))
		for j := i + 1; j < len(fs) && !fs[j].FirstDay.After(reach); j++ {
			if c, ok := Compare(fs[i], fs[j], s.rules); ok {
				pairs = append(pairs, ClashPair{Clash: c, A: Event{ID: fs[i].ID}, B: Event{ID: fs[j].ID}})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b ClashPair) int { return b.Clash.Score - a.Clash.Score })
	if len(pairs) > MaxClashPairs {
		pairs = pairs[:MaxClashPairs]
	}
	ids := make([]int64, 0, 2*len(pairs))
	for _, p := range pairs {
		ids = append(ids, p.A.ID, p.B.ID)
	}
	slices.Sort(ids)
	evs, err := s.store.EventsByID(ctx, slices.Compact(ids))
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Event, len(evs))
	for _, e := range evs {
		byID[e.ID] = e
	}
	for i := range pairs {
		pairs[i].A, pairs[i].B = byID[pairs[i].A.ID], byID[pairs[i].B.ID]
	}
	return pairs, nil
}

// ProtectedDates returns the protected dates.
func (s *Service) ProtectedDates(ctx context.Context) ([]ProtectedDate, error) {
	return s.store.ProtectedDates(ctx)
}

// SaveProtectedDate validates and stores p with an audit entry.
func (s *Service) SaveProtectedDate(ctx context.Context, actor audit.Actor, p *ProtectedDate) error {
	if err := p.Validate(); err != nil {
		return err
	}
	name, _ := p.Name(lang.EN)
	entry := audit.Entry{Actor: actor, Action: "protected_date.save", RecordType: "protected_date", RecordID: p.ID, RecordLabel: name,
		Changes: []audit.Change{{Field: "first", After: p.First.String()}, {Field: "last", After: p.Last.String()},
			{Field: "yearly", After: strconv.FormatBool(p.Yearly)}}}
	return s.store.SaveProtectedDate(ctx, p, entry)
}

// DeleteProtectedDate removes protected date id with an audit entry.
func (s *Service) DeleteProtectedDate(ctx context.Context, actor audit.Actor, id int64) error {
	return s.store.DeleteProtectedDate(ctx, id, audit.Entry{Actor: actor, Action: "protected_date.delete",
		RecordType: "protected_date", RecordID: id})
}
