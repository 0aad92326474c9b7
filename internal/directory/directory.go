// SPDX-License-Identifier: AGPL-3.0-or-later

// Package directory holds the shared records of who does what: the
// organisations that organise events and the networks they belong to. The
// calendar refers to these records; the secretariat curates them.
package directory

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/text"
)

// Country is an ISO 3166-1 alpha-2 code, or INT for international bodies.
type Country string

// CountryInfo describes a country code nordcal knows.
type CountryInfo struct {
	Code Country
	// Zone is the IANA time zone used by default for events there.
	Zone string
	// Nordic marks the countries and autonomous areas of the Nordic region.
	Nordic bool
}

// Countries lists every country code nordcal accepts, Nordic ones first.
var Countries = []CountryInfo{
	{"DK", "Europe/Copenhagen", true},
	{"FI", "Europe/Helsinki", true},
	{"IS", "Atlantic/Reykjavik", true},
	{"NO", "Europe/Oslo", true},
	{"SE", "Europe/Stockholm", true},
	{"AX", "Europe/Mariehamn", true},
	{"FO", "Atlantic/Faroe", true},
	{"GL", "America/Nuuk", true},
	{"EE", "Europe/Tallinn", false},
	{"LV", "Europe/Riga", false},
	{"LT", "Europe/Vilnius", false},
	{"PL", "Europe/Warsaw", false},
	{"DE", "Europe/Berlin", false},
	{"INT", "Europe/Copenhagen", false},
}

// ParseCountry returns the Country for s (case-insensitive), or false.
func ParseCountry(s string) (Country, bool) {
	c := Country(strings.ToUpper(strings.TrimSpace(s)))
	for _, k := range Countries {
		if k.Code == c {
			return c, true
		}
	}
	return "", false
}

// validCountry reports whether c is a known code in its canonical form:
// "fi" or " FI" would pass ParseCountry but not match stored "FI".
func validCountry(c Country) bool {
	k, ok := ParseCountry(string(c))
	return ok && k == c
}

// Zone returns the default IANA zone for c, Europe/Copenhagen when unknown.
func (c Country) Zone() string {
	for _, k := range Countries {
		if k.Code == c {
			return k.Zone
		}
	}
	return "Europe/Copenhagen"
}

// OrgType classifies an organisation.
type OrgType string

// Organisation types.
const (
	Ministry      OrgType = "ministry"
	Agency        OrgType = "agency"
	Police        OrgType = "police"
	NGO           OrgType = "ngo"
	International OrgType = "international"
	Research      OrgType = "research"
	NordicBody    OrgType = "nordic"
)

// OrgTypes lists the organisation types in display order.
var OrgTypes = []OrgType{Ministry, Agency, Police, NGO, International, Research, NordicBody}

// Valid reports whether t is a known organisation type.
func (t OrgType) Valid() bool {
	for _, k := range OrgTypes {
		if k == t {
			return true
		}
	}
	return false
}

// Organisation is a ministry, agency, NGO, international body or unit that
// organises events or employs contacts.
type Organisation struct {
	ID   int64
	Slug string
	// Names holds the name per language; OriginalLang says which one is the
	// organisation's own.
	Names        lang.Texts
	OriginalLang lang.Code
	Abbreviation string
	Country      Country
	Type         OrgType
	Website      string
	ParentID     *int64
	// Switchboard is the organisation's main telephone number; Address its
	// postal or visiting address, one line.
	Switchboard string
	Address     string
	// RegistryID is the national business registry identifier as the
	// registry writes it (see NormalizeRegistryID); "" when unknown.
	RegistryID string
	// Status is active, merged (into MergedIntoID) or closed.
	Status       OrgStatus
	MergedIntoID *int64
	// VerifiedAt is the day the entry was last confirmed correct (UTC
	// midnight), VerifiedBy who confirmed it; apart from UpdatedAt.
	VerifiedAt time.Time
	VerifiedBy string
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Name returns the organisation's name in l, falling back to its own language.
func (o Organisation) Name(l lang.Code) (string, lang.Code) {
	return o.Names.Get(l, o.OriginalLang)
}

// Network is a Nordic or international network of organisations, such as
// the Nordic Working Group of National Coordinators.
type Network struct {
	ID           int64
	Slug         string
	Names        lang.Texts
	Descriptions lang.Texts
	OriginalLang lang.Code
	Abbreviation string
	// ParentBodies name the body the network works under, e.g. the Nordic
	// Council of Ministers for Justice, in the languages it has a name in.
	ParentBodies lang.Texts
	Website      string
	// SecretariatID is the organisation that runs the network's secretariat.
	SecretariatID *int64
	// Status is active, archived or merged; MergedIntoID is the network a
	// merged one was merged into.
	Status       NetworkStatus
	MergedIntoID *int64
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Name returns the network's name in l, falling back to its own language.
func (n Network) Name(l lang.Code) (string, lang.Code) {
	return n.Names.Get(l, n.OriginalLang)
}

// ParentBody returns the name of the body the network works under in l,
// with the same fallback as Name; "" when it has none.
func (n Network) ParentBody(l lang.Code) (string, lang.Code) {
	return n.ParentBodies.Get(l, n.OriginalLang)
}

// Description returns the network's description in l with fallback.
func (n Network) Description(l lang.Code) (string, lang.Code) {
	return n.Descriptions.Get(l, n.OriginalLang)
}

// Store persists organisations and networks.
type Store interface {
	// ListOrganisations returns all organisations ordered by slug.
	ListOrganisations(ctx context.Context) ([]Organisation, error)
	// OrganisationBySlug returns an apperr NotFound error when no organisation has slug.
	OrganisationBySlug(ctx context.Context, slug string) (Organisation, error)
	// CreateOrganisation stores o and sets its ID and timestamps; a taken slug is a Conflict.
	CreateOrganisation(ctx context.Context, o *Organisation) error
	// ListNetworks returns all networks ordered by slug.
	ListNetworks(ctx context.Context) ([]Network, error)
	// NetworkBySlug returns an apperr NotFound error when no network has slug.
	NetworkBySlug(ctx context.Context, slug string) (Network, error)
	// CreateNetwork stores n and sets its ID and timestamps; a taken slug is a Conflict.
	CreateNetwork(ctx context.Context, n *Network) error
	// PeopleStore holds the contacts, memberships and documents.
	PeopleStore
	// ListStore pages the lists.
	ListStore
	// VerificationStore holds verification campaigns and proposed changes.
	VerificationStore
	// RoleStore holds roles and their holders.
	RoleStore
	// NetworkStore curates networks and memberships.
	NetworkStore
	// DocumentStore curates documents and their attachments to events.
	DocumentStore
}

// Service is the directory's use cases.
type Service struct {
	store Store
	clock func() time.Time
	// mailer sends verification links, which work for linkTTL (see Verifier).
	mailer  VerificationMailer
	linkTTL time.Duration
	// MaxFileBytes limits uploaded PDFs; zero means DefaultMaxFileBytes.
	MaxFileBytes int64
}

// NewService returns a Service backed by store.
func NewService(store Store) *Service { return &Service{store: store} }

// Organisations returns every organisation.
func (s *Service) Organisations(ctx context.Context) ([]Organisation, error) {
	return s.store.ListOrganisations(ctx)
}

// Networks returns every network.
func (s *Service) Networks(ctx context.Context) ([]Network, error) {
	return s.store.ListNetworks(ctx)
}

// CreateOrganisation validates and stores o; a new entry counts as
// verified today unless the caller says otherwise.
func (s *Service) CreateOrganisation(ctx context.Context, o *Organisation) error {
	o.Normalize()
	if o.VerifiedAt.IsZero() {
		o.VerifiedAt = s.Today()
	}
	if err := o.Validate(); err != nil {
		return err
	}
	return s.store.CreateOrganisation(ctx, o)
}

// CreateNetwork validates and stores n.
func (s *Service) CreateNetwork(ctx context.Context, n *Network) error {
	if err := n.Validate(); err != nil {
		return err
	}
	return s.store.CreateNetwork(ctx, n)
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a lower-case, hyphenated URL slug of at most 80 characters.
func ValidSlug(s string) bool { return len(s) <= 80 && slugRE.MatchString(s) }

// ValidWebURL reports whether s is an absolute http(s) URL of sane length.
func ValidWebURL(s string) bool {
	if len(s) > 2000 || !utf8.ValidString(s) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// textFault returns the message ID of what s may not hold, or "": bytes
// that are not UTF-8 (PostgreSQL refuses them), control characters (NUL,
// which PostgreSQL refuses too, escapes, and the line breaks that would
// split a one-line field in lists, vCard and CSV exports and mail headers),
// and in one-line fields invisible and text-direction characters (a name
// that reads differently from what it is). Multi-line text may hold line
// feeds, carriage returns and tabs. The rules are text.Line and text.Block,
// shared with the calendar.
func textFault(s string, multiline bool) string {
	if multiline {
		return text.Block(s)
	}
	return text.Line(s)
}

func validateNames(f apperr.Fields, field string, names lang.Texts, original lang.Code, max int) {
	if _, ok := lang.Parse(string(original)); !ok {
		f.Add("original_lang", "validation.lang.unknown")
	}
	if strings.TrimSpace(names[original]) == "" {
		f.Add(field, "validation.required")
	}
	for l, n := range names {
		if _, ok := lang.Parse(string(l)); !ok {
			f.Add(field, "validation.lang.unknown")
		}
		if len([]rune(n)) > max {
			f.Add(field, "validation.too_long")
		}
		if msg := textFault(n, false); msg != "" {
			f.Add(field, msg)
		}
	}
}

// Validate checks o's fields and returns an apperr Invalid error with
// per-field message IDs.
func (o *Organisation) Validate() error {
	f := apperr.Fields{}
	if !ValidSlug(o.Slug) {
		f.Add("slug", "validation.slug")
	}
	validateNames(f, "name", o.Names, o.OriginalLang, 200)
	if len([]rune(o.Abbreviation)) > 30 {
		f.Add("abbreviation", "validation.too_long")
	} else if msg := textFault(o.Abbreviation, false); msg != "" {
		f.Add("abbreviation", msg)
	}
	if !validCountry(o.Country) {
		f.Add("country", "validation.country.unknown")
	}
	if !o.Type.Valid() {
		f.Add("type", "validation.choice")
	}
	if o.Website != "" && !ValidWebURL(o.Website) {
		f.Add("website", "validation.url")
	}
	if o.Switchboard != "" && !phoneRE.MatchString(o.Switchboard) {
		f.Add("switchboard", "validation.phone")
	}
	if len([]rune(o.Address)) > 300 {
		f.Add("address", "validation.too_long")
	} else if msg := textFault(o.Address, false); msg != "" {
		f.Add("address", msg)
	}
	if o.ParentID != nil && *o.ParentID == o.ID && o.ID != 0 {
		f.Add("parent", "validation.parent_self")
	}
	o.validateStatus(f)
	return f.Err("validation.failed")
}

// Validate checks n's fields and returns an apperr Invalid error with
// per-field message IDs.
func (n *Network) Validate() error {
	f := apperr.Fields{}
	if !ValidSlug(n.Slug) {
		f.Add("slug", "validation.slug")
	}
	validateNames(f, "name", n.Names, n.OriginalLang, 200)
	for _, d := range n.Descriptions {
		if len([]rune(d)) > 5000 {
			f.Add("description", "validation.too_long")
		} else if msg := textFault(d, true); msg != "" {
			f.Add("description", msg)
		}
	}
	if len([]rune(n.Abbreviation)) > 30 {
		f.Add("abbreviation", "validation.too_long")
	} else if msg := textFault(n.Abbreviation, false); msg != "" {
		f.Add("abbreviation", msg)
	}
	for _, p := range n.ParentBodies {
		if len([]rune(p)) > 300 {
			f.Add("parent_body", "validation.too_long")
		} else if msg := textFault(p, false); msg != "" {
			f.Add("parent_body", msg)
		}
	}
	if n.Website != "" && !ValidWebURL(n.Website) {
		f.Add("website", "validation.url")
	}
	return f.Err("validation.failed")
}
