// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"context"

	"github.com/nordcal/nordcal/internal/audit"
)

// PeopleStore persists contacts, network memberships and documents, and
// the curation of organisations. Every change that a curator makes is
// stored together with its audit entry, in one transaction.
type PeopleStore interface {
	// OrganisationByID returns an apperr NotFound error when no organisation has id.
	OrganisationByID(ctx context.Context, id int64) (Organisation, error)
	// SearchOrganisations returns the organisations whose names, abbreviation
	// or slug contain every folded term, ordered by slug, at most limit (0: all).
	SearchOrganisations(ctx context.Context, terms []string, limit int) ([]Organisation, error)
	// SearchNetworks is SearchOrganisations for networks.
	SearchNetworks(ctx context.Context, terms []string, limit int) ([]Network, error)
	// CreateOrganisationAudited stores o with e; a taken slug is a Conflict,
	// an unknown parent an Invalid error.
	CreateOrganisationAudited(ctx context.Context, o *Organisation, e audit.Entry) error
	// UpdateOrganisation stores o when the stored version is o.Version and
	// increments it: NotFound when o is gone, Conflict "error.conflict.version"
	// when someone saved it meanwhile, Conflict on a taken slug.
	UpdateOrganisation(ctx context.Context, o *Organisation, e audit.Entry) error
	// DeleteOrganisation removes organisation id at version: NotFound,
	// Conflict "error.conflict.version", or Conflict "directory.org.in_use"
	// when events, people, units, memberships or documents still refer to it.
	DeleteOrganisation(ctx context.Context, id int64, version int, e audit.Entry) error
	// MergeOrganisations moves everything that refers to drop (people, units,
	// event organisers, memberships, documents, network secretariats) to keep
	// and deletes drop: NotFound when either is gone, Conflict
	// "error.conflict.version" when drop's version differs.
	MergeOrganisations(ctx context.Context, keep, drop int64, dropVersion int, e audit.Entry) error

	// ListPeople returns the people matching q ordered by family and given
	// name. Visibilities must be non-empty.
	ListPeople(ctx context.Context, q PersonQuery) ([]Person, error)
	// PersonByID returns an apperr NotFound error when no person has id.
	PersonByID(ctx context.Context, id int64) (Person, error)
	// CreatePerson stores p with e and sets its ID, version and timestamps;
	// an unknown organisation is an Invalid error.
	CreatePerson(ctx context.Context, p *Person, e audit.Entry) error
	// UpdatePerson stores p when the stored version is p.Version and
	// increments it: NotFound, or Conflict "error.conflict.version".
	UpdatePerson(ctx context.Context, p *Person, e audit.Entry) error
	// ErasePerson deletes person id and their memberships, blanks the
	// labels and changes of every earlier audit entry about them, and
	// appends e (which must carry no personal data): NotFound when gone.
	ErasePerson(ctx context.Context, id int64, e audit.Entry) error
	// MergePeople moves drop's memberships to keep (unless keep is already
	// in that network) and deletes drop, after storing keep (with its
	// version check) as merged by the caller: NotFound, or Conflict
	// "error.conflict.version" when keep or drop changed meanwhile.
	MergePeople(ctx context.Context, keep *Person, drop int64, dropVersion int, e audit.Entry) error
	// ApplyImport creates and updates every record of plan with its audit
	// entry in one transaction: all or nothing.
	ApplyImport(ctx context.Context, plan ImportPlan, actor audit.Actor) error

	// ListMembers returns the memberships matching q ordered by network and ID.
	ListMembers(ctx context.Context, q MemberQuery) ([]Member, error)
	// AddMember stores m; an unknown network, person or organisation is Invalid,
	// the same member twice in a network a Conflict.
	AddMember(ctx context.Context, m *Member) error

	// ListDocuments returns the documents matching q, newest first.
	ListDocuments(ctx context.Context, q DocumentQuery) ([]Document, error)
	// CreateDocument stores d; an unknown organisation or network is Invalid.
	CreateDocument(ctx context.Context, d *Document) error
}

// MemberQuery selects memberships; zero fields select everything.
type MemberQuery struct {
	NetworkID      int64
	PersonID       int64
	OrganisationID int64
}
