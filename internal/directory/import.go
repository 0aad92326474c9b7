// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/lang"
)

// ImportKind is what a CSV import holds.
type ImportKind string

// Import kinds.
const (
	ImportPeople        ImportKind = "people"
	ImportOrganisations ImportKind = "organisations"
)

// ImportColumns are the columns each kind of import file has, in order.
// The first line of the file must name them (any order; unknown columns
// are an error so that a typo is not silently ignored).
var ImportColumns = map[ImportKind][]string{
	ImportPeople: {"given_name", "family_name", "organisation", "title_en", "title_fi", "title_sv", "title_da", "title_no",
		"email", "phone", "country", "languages", "roles", "visibility", "legal_basis", "legal_basis_date"},
	ImportOrganisations: {"slug", "name_en", "name_fi", "name_sv", "name_da", "name_no", "original_lang", "abbreviation",
		"country", "type", "parent", "website", "switchboard", "address"},
}

// MaxImportRows bounds one import.
const MaxImportRows = 5000

// ImportAction is what applying a row will do.
type ImportAction string

// Import actions.
const (
	ImportCreate    ImportAction = "create"
	ImportUpdate    ImportAction = "update"
	ImportUnchanged ImportAction = "unchanged"
	ImportError     ImportAction = "error"
)

// ImportRow is one data line of an import file and what it will change.
type ImportRow struct {
	// Line is the line number in the file (the header is line 1).
	Line   int
	Action ImportAction
	Label  string
	// Errors maps a column to a message ID.
	Errors  map[string]string
	Changes []audit.Change
	// Person or Organisation is the record to store; ParentSlug names an
	// organisation's parent, which may be created by an earlier row.
	Person       *Person
	Organisation *Organisation
	ParentSlug   string
	before       map[string]string
}

// ImportPlan is the preview of an import: every row with its action.
type ImportPlan struct {
	Kind ImportKind
	Rows []ImportRow
	// Error is a message ID for a problem with the whole file.
	Error string
}

// Count returns how many rows will have action a.
func (p ImportPlan) Count(a ImportAction) int {
	n := 0
	for _, r := range p.Rows {
		if r.Action == a {
			n++
		}
	}
	return n
}

// OK reports whether the plan may be applied: a readable file with at
// least one row and no row errors.
func (p ImportPlan) OK() bool { return p.Error == "" && len(p.Rows) > 0 && p.Count(ImportError) == 0 }

var listSep = regexp.MustCompile(`[;,\s]+`)

func splitList(s string) []string {
	var out []string
	for _, v := range listSep.Split(strings.TrimSpace(s), -1) {
		if v != "" {
			out = append(out, strings.ToLower(v))
		}
	}
	return out
}

// unneutralise undoes the formula guard of the CSV export, so an exported
// file can be imported again unchanged.
func unneutralise(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return strings.TrimSpace(s)
}

// PlanImport reads a CSV file of kind and works out, row by row, what
// importing it would create or change, without changing anything.
func (s *Service) PlanImport(ctx context.Context, kind ImportKind, r io.Reader) (ImportPlan, error) {
	plan := ImportPlan{Kind: kind}
	cols, ok := ImportColumns[kind]
	if !ok {
		return plan, &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"kind": "validation.choice"}}
	}
	// Spreadsheets write a byte order mark first; dropped before the CSV
	// reader sees it, it cannot make a quoted first column unreadable.
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\ufeff")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		plan.Error = "directory.import.unreadable"
		return plan, nil
	}
	idx := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range cols {
			known = known || c == h
		}
		if !known {
			plan.Error = "directory.import.unknown_column"
			return plan, nil
		}
		idx[h] = i
	}
	// lines holds the line each record starts on: a quoted value may span lines.
	var records [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			plan.Error = "directory.import.unreadable"
			return plan, nil
		}
		line, _ := cr.FieldPos(0)
		records, lines = append(records, rec), append(lines, line)
		if len(records) > MaxImportRows {
			plan.Error = "directory.import.too_many"
			return plan, nil
		}
	}
	orgs, err := s.store.ListOrganisations(ctx)
	if err != nil {
		return plan, err
	}
	orgBySlug := map[string]Organisation{}
	for _, o := range orgs {
		orgBySlug[o.Slug] = o
	}
	get := func(rec []string, col string) string {
		if i, ok := idx[col]; ok && i < len(rec) {
			return unneutralise(rec[i])
		}
		return ""
	}
	switch kind {
	case ImportPeople:
		people, err := s.People(ctx, Curator, PersonQuery{})
		if err != nil {
			return plan, err
		}
		byEmail := map[string]Person{}
		for _, p := range people {
			if p.Email != "" {
				byEmail[p.Email] = p
			}
		}
		seen := map[string]int{}
		for i, rec := range records {
			plan.Rows = append(plan.Rows, s.planPerson(rec, lines[i], get, orgBySlug, byEmail, seen))
		}
	case ImportOrganisations:
		seen := map[string]bool{}
		for i, rec := range records {
			plan.Rows = append(plan.Rows, planOrganisation(rec, lines[i], get, orgBySlug, seen))
		}
	}
	if len(plan.Rows) == 0 {
		plan.Error = "directory.import.empty"
	}
	return plan, nil
}

func (s *Service) planPerson(rec []string, line int, get func([]string, string) string, orgs map[string]Organisation,
	byEmail map[string]Person, seen map[string]int) ImportRow {
	row := ImportRow{Line: line, Errors: map[string]string{}}
	p := Person{GivenName: get(rec, "given_name"), FamilyName: get(rec, "family_name"), Titles: lang.Texts{},
		Email: get(rec, "email"), Phone: get(rec, "phone"), Country: Country(get(rec, "country")),
		Languages: splitList(get(rec, "languages")), Visibility: Visibility(strings.ToLower(get(rec, "visibility"))),
		LegalBasis: LegalBasis(strings.ToLower(get(rec, "legal_basis")))}
	for _, l := range lang.All {
		if t := get(rec, "title_"+string(l)); t != "" {
			p.Titles[l] = t
		}
	}
	for _, r := range splitList(get(rec, "roles")) {
		p.Roles = append(p.Roles, Role(r))
	}
	if slug := strings.ToLower(get(rec, "organisation")); slug != "" {
		if o, ok := orgs[slug]; ok {
			p.OrganisationID = &o.ID
		} else {
			row.Errors["organisation"] = "directory.import.unknown_organisation"
		}
	}
	if v := get(rec, "legal_basis_date"); v != "" {
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			row.Errors["legal_basis_date"] = "validation.date"
		}
		p.LegalBasisDate = d
	}
	for _, l := range lang.All {
		if p.Titles[l] != "" {
			p.OriginalLang = l
			break
		}
	}
	p.Normalize()
	p.VerifiedAt = s.Today()
	row.Label = p.Name()
	if err := p.Validate(); err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			for f, m := range ae.Fields {
				if _, ok := row.Errors[f]; !ok {
					row.Errors[f] = m
				}
			}
		}
	}
	if p.Email != "" {
		if first, dup := seen[p.Email]; dup && first != line {
			row.Errors["email"] = "directory.import.duplicate"
		}
		seen[p.Email] = line
	}
	row.Person = &p
	if len(row.Errors) > 0 {
		row.Action = ImportError
		return row
	}
	old, exists := byEmail[p.Email]
	if !exists || p.Email == "" {
		row.Action = ImportCreate
		row.Changes = audit.Diff(nil, personFields(p))
		return row
	}
	p.ID, p.Version, p.CreatedAt = old.ID, old.Version, old.CreatedAt
	before, after := personFields(old), personFields(p)
	delete(before, "verified_at")
	delete(after, "verified_at")
	row.Changes = audit.Diff(before, after)
	row.before = personFields(old)
	if len(row.Changes) == 0 {
		row.Action = ImportUnchanged
	} else {
		row.Action = ImportUpdate
	}
	return row
}

func planOrganisation(rec []string, line int, get func([]string, string) string, orgs map[string]Organisation, seen map[string]bool) ImportRow {
	row := ImportRow{Line: line, Errors: map[string]string{}}
	o := Organisation{Slug: strings.ToLower(get(rec, "slug")), Names: lang.Texts{}, OriginalLang: lang.Code(strings.ToLower(get(rec, "original_lang"))),
		Abbreviation: get(rec, "abbreviation"), Country: Country(strings.ToUpper(get(rec, "country"))),
		Type: OrgType(strings.ToLower(get(rec, "type"))), Website: get(rec, "website"),
		Switchboard: get(rec, "switchboard"), Address: get(rec, "address")}
	for _, l := range lang.All {
		if n := get(rec, "name_"+string(l)); n != "" {
			o.Names[l] = n
		}
	}
	if o.OriginalLang == "" {
		o.OriginalLang = lang.EN
	}
	row.ParentSlug = strings.ToLower(get(rec, "parent"))
	if row.ParentSlug != "" {
		if p, ok := orgs[row.ParentSlug]; ok {
			o.ParentID = &p.ID
		} else if !seen[row.ParentSlug] {
			row.Errors["parent"] = "directory.import.unknown_organisation"
		}
		if row.ParentSlug == o.Slug {
			row.Errors["parent"] = "validation.parent_self"
		}
	}
	row.Label, _ = o.Name(lang.EN)
	if err := o.Validate(); err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			for f, m := range ae.Fields {
				if _, ok := row.Errors[f]; !ok {
					row.Errors[f] = m
				}
			}
		}
	}
	if seen[o.Slug] {
		row.Errors["slug"] = "directory.import.duplicate"
	}
	seen[o.Slug] = true
	row.Organisation = &o
	if len(row.Errors) > 0 {
		row.Action = ImportError
		return row
	}
	old, exists := orgs[o.Slug]
	if !exists {
		row.Action = ImportCreate
		o.Normalize()
		row.Changes = audit.Diff(nil, orgFields(o))
		return row
	}
	o.ID, o.Version = old.ID, old.Version
	// What the file has no columns for stays as it is.
	o.RegistryID, o.Status, o.MergedIntoID, o.VerifiedAt, o.VerifiedBy = old.RegistryID, old.Status, old.MergedIntoID, old.VerifiedAt, old.VerifiedBy
	if o.ParentID == nil && row.ParentSlug == "" {
		o.ParentID = nil
	}
	row.before = orgFields(old)
	row.Changes = audit.Diff(row.before, orgFields(o))
	if len(row.Changes) == 0 {
		row.Action = ImportUnchanged
	} else {
		row.Action = ImportUpdate
	}
	return row
}

// ApplyImport re-plans the file and, when every row is valid, stores all
// of it in one transaction. It returns the plan; when the plan has errors
// nothing is stored and the caller shows the preview again.
func (s *Service) ApplyImport(ctx context.Context, actor audit.Actor, kind ImportKind, r io.Reader) (ImportPlan, error) {
	plan, err := s.PlanImport(ctx, kind, r)
	if err != nil || !plan.OK() {
		return plan, err
	}
	return plan, s.store.ApplyImport(ctx, plan, actor)
}

// Entry returns the audit entry for applying row.
func (r ImportRow) Entry(actor audit.Actor, kind ImportKind) audit.Entry {
	e := audit.Entry{Actor: actor, RecordLabel: r.Label, Changes: r.Changes}
	switch {
	case kind == ImportPeople && r.Action == ImportCreate:
		e.Action, e.RecordType = ActionPersonCreate, RecordPerson
	case kind == ImportPeople:
		e.Action, e.RecordType, e.RecordID = ActionPersonUpdate, RecordPerson, r.Person.ID
	case r.Action == ImportCreate:
		e.Action, e.RecordType = ActionOrgCreate, RecordOrganisation
	default:
		e.Action, e.RecordType, e.RecordID = ActionOrgUpdate, RecordOrganisation, r.Organisation.ID
	}
	return e
}
