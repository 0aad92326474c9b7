// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import "context"

// OrganisationQuery selects organisations; zero fields select everything.
type OrganisationQuery struct {
	Country Country
	Type    OrgType
	// NetworkID selects the organisations that are members of the network.
	NetworkID int64
	// Query matches names, abbreviation and slug, ignoring case and accents.
	Query string
	// Limit (0: no limit) and Offset select a window of the result.
	Limit, Offset int
}

// NetworkQuery selects networks; zero fields select everything.
type NetworkQuery struct {
	// OrganisationID selects the networks the organisation is a member of.
	OrganisationID int64
	// Query matches names, abbreviation and slug, ignoring case and accents.
	Query string
	// Limit (0: no limit) and Offset select a window of the result.
	Limit, Offset int
}

// ListStore reads windows of the directory's lists and counts them, so
// that a long list is paged in the database instead of in memory. Each
// Count method counts what its list would return without Limit and Offset.
type ListStore interface {
	// CountPeople counts the people ListPeople returns for q; Visibilities
	// must be non-empty.
	CountPeople(ctx context.Context, q PersonQuery) (int, error)
	// FindOrganisations returns the organisations matching q ordered by slug.
	FindOrganisations(ctx context.Context, q OrganisationQuery) ([]Organisation, error)
	// CountOrganisations counts the organisations matching q.
	CountOrganisations(ctx context.Context, q OrganisationQuery) (int, error)
	// FindNetworks returns the networks matching q ordered by slug.
	FindNetworks(ctx context.Context, q NetworkQuery) ([]Network, error)
	// CountNetworks counts the networks matching q.
	CountNetworks(ctx context.Context, q NetworkQuery) (int, error)
	// CountDocuments counts the documents ListDocuments returns for q.
	CountDocuments(ctx context.Context, q DocumentQuery) (int, error)
}

// Slice is one window of a list: its records, and how many records the
// whole list holds.
type Slice[T any] struct {
	Items []T
	Total int
}

// window counts a list and then reads the window of it at offset, unless
// that window is past the end.
func window[T any](offset int, count func() (int, error), list func() ([]T, error)) (Slice[T], error) {
	n, err := count()
	if err != nil {
		return Slice[T]{}, err
	}
	out := Slice[T]{Total: n}
	if offset >= n {
		return out, nil
	}
	out.Items, err = list()
	return out, err
}

// PeopleWindow returns the window q.Limit, q.Offset of the people
// matching q that v may see, with their total.
func (s *Service) PeopleWindow(ctx context.Context, v Viewer, q PersonQuery) (Slice[Person], error) {
	q.Visibilities = v.visibilities()
	return window(q.Offset, func() (int, error) { return s.store.CountPeople(ctx, q) },
		func() ([]Person, error) { return s.store.ListPeople(ctx, q) })
}

// OrganisationsWindow returns the window of the organisations matching q.
func (s *Service) OrganisationsWindow(ctx context.Context, q OrganisationQuery) (Slice[Organisation], error) {
	return window(q.Offset, func() (int, error) { return s.store.CountOrganisations(ctx, q) },
		func() ([]Organisation, error) { return s.store.FindOrganisations(ctx, q) })
}

// NetworksWindow returns the window of the networks matching q.
func (s *Service) NetworksWindow(ctx context.Context, q NetworkQuery) (Slice[Network], error) {
	return window(q.Offset, func() (int, error) { return s.store.CountNetworks(ctx, q) },
		func() ([]Network, error) { return s.store.FindNetworks(ctx, q) })
}

// DocumentsWindow returns the window of the documents matching q.
func (s *Service) DocumentsWindow(ctx context.Context, q DocumentQuery) (Slice[Document], error) {
	return window(q.Offset, func() (int, error) { return s.store.CountDocuments(ctx, q) },
		func() ([]Document, error) { return s.store.ListDocuments(ctx, q) })
}
