// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// RoleRecord is a function that outlives the people who hold it: "National
// coordinator against human trafficking, Iceland", "Nordic contact point,
// NMR". Its page, history and functional mailbox stay when the holder
// changes.
type RoleRecord struct {
	ID   int64
	Slug string
	// Titles holds the role's title per language, OriginalLang its own.
	Titles         lang.Texts
	OriginalLang   lang.Code
	OrganisationID *int64
	Country        Country
	// Topics are calendar topic codes (prevention, labour, …).
	Topics []string
	// Mailbox is the role's functional address, shown even when the holder is not.
	Mailbox string
	Retired bool
	Holders []Holding
	Version int
}

// Holding is one person's time in a role: From to To (zero: still holds it).
type Holding struct {
	ID       int64
	RoleID   int64
	PersonID int64
	From, To time.Time
}

// Current reports whether the holding has not ended.
func (h Holding) Current() bool { return h.To.IsZero() }

// Title returns the role's title in l with fallback.
func (r RoleRecord) Title(l lang.Code) (string, lang.Code) { return r.Titles.Get(l, r.OriginalLang) }

// Audit actions and record type of roles.
const (
	RecordRole        = "role"
	ActionRoleCreate  = "role.create"
	ActionRoleUpdate  = "role.update"
	ActionRoleRetire  = "role.retire"
	ActionRoleAssign  = "role.assign"
	ActionRoleHoldEnd = "role.end_holding"
)

var topicRE = regexp.MustCompile(`^[a-z_]{1,40}$`)

// Validate checks r's fields and returns an apperr Invalid error with
// per-field message IDs.
func (r *RoleRecord) Validate() error {
	f := apperr.Fields{}
	if !ValidSlug(r.Slug) {
		f.Add("slug", "validation.slug")
	}
	validateNames(f, "title", r.Titles, r.OriginalLang, 200)
	if !validCountry(r.Country) {
		f.Add("country", "validation.country.unknown")
	}
	if r.Mailbox != "" && !ValidEmail(r.Mailbox) {
		f.Add("mailbox", "validation.email")
	}
	if len(r.Topics) > 10 {
		f.Add("topics", "validation.choice")
	}
	for _, t := range r.Topics {
		if !topicRE.MatchString(t) {
			f.Add("topics", "validation.choice")
		}
	}
	return f.Err("validation.failed")
}

func (r *RoleRecord) normalize() {
	r.Slug, r.Mailbox = strings.TrimSpace(r.Slug), strings.ToLower(strings.TrimSpace(r.Mailbox))
	for l, t := range r.Titles {
		if t = strings.TrimSpace(t); t == "" {
			delete(r.Titles, l)
		} else {
			r.Titles[l] = t
		}
	}
	slices.Sort(r.Topics)
	r.Topics = slices.Compact(r.Topics)
}

// RoleQuery selects roles; zero fields select every active role.
type RoleQuery struct {
	Country Country
	// Query matches titles and the mailbox, ignoring case and accents.
	Query          string
	IncludeRetired bool
	IDs            []int64
	Limit          int
}

// RoleStore persists roles and their holders.
type RoleStore interface {
	// ListRoles returns the roles matching q, with their holders, ordered by slug.
	ListRoles(ctx context.Context, q RoleQuery) ([]RoleRecord, error)
	// RoleByID and RoleBySlug return an apperr NotFound error when there is none.
	RoleByID(ctx context.Context, id int64) (RoleRecord, error)
	RoleBySlug(ctx context.Context, slug string) (RoleRecord, error)
	// CreateRole stores r with e; a taken slug is a Conflict.
	CreateRole(ctx context.Context, r *RoleRecord, e audit.Entry) error
	// UpdateRole stores r's own fields (not its holders) when the stored
	// version is r.Version: NotFound, Conflict "error.conflict.version".
	UpdateRole(ctx context.Context, r *RoleRecord, e audit.Entry) error
	// RetireRole marks role id retired when the stored version is version
	// and ends its current holdings on the day on, with e, in one
	// transaction: NotFound, Conflict "error.conflict.version".
	RetireRole(ctx context.Context, id int64, version int, on time.Time, e audit.Entry) error
	// AddHolding stores h with e; an unknown person is Invalid.
	AddHolding(ctx context.Context, h *Holding, e audit.Entry) error
	// EndHolding sets the end of holding id of role to to, with e:
	// NotFound when the role has no such current holding.
	EndHolding(ctx context.Context, role, id int64, to time.Time, e audit.Entry) error
}

func roleFields(r RoleRecord) map[string]string {
	m := map[string]string{"slug": r.Slug, "original_lang": string(r.OriginalLang), "organisation": idString(r.OrganisationID),
		"country": string(r.Country), "topics": strings.Join(r.Topics, ","), "mailbox": r.Mailbox}
	if r.Retired {
		m["retired"] = "true"
	}
	for _, l := range lang.All {
		m["title_"+string(l)] = r.Titles[l]
	}
	return m
}

func (r RoleRecord) label() string { t, _ := r.Title(lang.EN); return t }

// AddRole validates and stores a new role.
func (s *Service) AddRole(ctx context.Context, actor audit.Actor, r *RoleRecord) error {
	r.normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	return s.store.CreateRole(ctx, r, entry(actor, ActionRoleCreate, RecordRole, 0, r.label(), nil, roleFields(*r)))
}

// SaveRole stores the edited r (r.Version as the editor saw it).
func (s *Service) SaveRole(ctx context.Context, actor audit.Actor, r *RoleRecord) error {
	r.normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	old, err := s.store.RoleByID(ctx, r.ID)
	if err != nil {
		return err
	}
	r.Retired = old.Retired
	return s.store.UpdateRole(ctx, r, entry(actor, ActionRoleUpdate, RecordRole, r.ID, r.label(), roleFields(old), roleFields(*r)))
}

// RetireRole marks role id (at version) as no longer existing; its page
// and history stay, and its current holdings end today.
func (s *Service) RetireRole(ctx context.Context, actor audit.Actor, id int64, version int) error {
	r, err := s.store.RoleByID(ctx, id)
	if err != nil {
		return err
	}
	old := r
	r.Retired = true
	return s.store.RetireRole(ctx, id, version, s.Today(), entry(actor, ActionRoleRetire, RecordRole, r.ID, r.label(), roleFields(old), roleFields(r)))
}

// AssignHolder records that person holds role id from the day from.
func (s *Service) AssignHolder(ctx context.Context, actor audit.Actor, id, person int64, from time.Time) error {
	r, err := s.store.RoleByID(ctx, id)
	if err != nil {
		return err
	}
	f := apperr.Fields{}
	if from.IsZero() {
		f.Add("from", "validation.required")
	}
	if r.Retired {
		f.Add("person", "role.retired")
	}
	p, err := s.store.PersonByID(ctx, person)
	if err != nil {
		f.Add("person", "validation.choice")
	}
	if err := f.Err("validation.failed"); err != nil {
		return err
	}
	h := Holding{RoleID: id, PersonID: person, From: dayOf(from)}
	e := entry(actor, ActionRoleAssign, RecordRole, id, r.label(), nil, map[string]string{"holder": p.Name(), "from": dateString(h.From)})
	return s.store.AddHolding(ctx, &h, e)
}

// EndHolding records that holding hid of role id ended on the day to.
func (s *Service) EndHolding(ctx context.Context, actor audit.Actor, id, hid int64, to time.Time) error {
	r, err := s.store.RoleByID(ctx, id)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(r.Holders, func(h Holding) bool { return h.ID == hid && h.Current() })
	if i < 0 {
		return apperr.New(apperr.NotFound, "error.not_found")
	}
	h := r.Holders[i]
	if to.IsZero() || dayOf(to).Before(h.From) {
		return &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"to": "role.end_before_start"}}
	}
	name := ""
	if p, err := s.store.PersonByID(ctx, h.PersonID); err == nil {
		name = p.Name()
	}
	e := entry(actor, ActionRoleHoldEnd, RecordRole, id, r.label(), map[string]string{"holder": name}, map[string]string{"holder": name, "to": dateString(dayOf(to))})
	return s.store.EndHolding(ctx, id, hid, dayOf(to), e)
}

// RoleView is a role with the people v may see among its holders.
type RoleView struct {
	RoleRecord
	// Current are the current holders v may see; History the past ones.
	Current, History []HolderView
	// HiddenHolder says the role has a current holder v may not see.
	HiddenHolder bool
}

// HolderView is one holding with its person.
type HolderView struct {
	Holding
	Person Person
}

// Roles returns the roles matching q, each with the holders v may see.
func (s *Service) Roles(ctx context.Context, v Viewer, q RoleQuery) ([]RoleView, error) {
	rs, err := s.store.ListRoles(ctx, q)
	if err != nil {
		return nil, err
	}
	return s.roleViews(ctx, v, rs)
}

// Role returns the role with slug (retired ones too), with the holders v may see.
func (s *Service) Role(ctx context.Context, v Viewer, slug string) (RoleView, error) {
	r, err := s.store.RoleBySlug(ctx, slug)
	if err != nil {
		return RoleView{}, err
	}
	out, err := s.roleViews(ctx, v, []RoleRecord{r})
	if err != nil {
		return RoleView{}, err
	}
	return out[0], nil
}

// RoleByID returns role id with every holder, for curation.
func (s *Service) RoleByID(ctx context.Context, id int64) (RoleView, error) {
	r, err := s.store.RoleByID(ctx, id)
	if err != nil {
		return RoleView{}, err
	}
	out, err := s.roleViews(ctx, Curator, []RoleRecord{r})
	if err != nil {
		return RoleView{}, err
	}
	return out[0], nil
}

func (s *Service) roleViews(ctx context.Context, v Viewer, rs []RoleRecord) ([]RoleView, error) {
	var ids []int64
	for _, r := range rs {
		for _, h := range r.Holders {
			ids = append(ids, h.PersonID)
		}
	}
	people := map[int64]Person{}
	if len(ids) > 0 {
		ps, err := s.People(ctx, v, PersonQuery{IDs: ids})
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			people[p.ID] = p
		}
	}
	out := make([]RoleView, len(rs))
	for i, r := range rs {
		out[i].RoleRecord = r
		for _, h := range r.Holders {
			p, ok := people[h.PersonID]
			switch {
			case !ok && h.Current():
				out[i].HiddenHolder = true
			case !ok:
			case h.Current():
				out[i].Current = append(out[i].Current, HolderView{Holding: h, Person: p})
			default:
				out[i].History = append(out[i].History, HolderView{Holding: h, Person: p})
			}
		}
	}
	return out, nil
}
