// SPDX-License-Identifier: AGPL-3.0-or-later

package directory

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/text"
)

// Visibility says who may see a person's entry.
type Visibility string

// Visibilities. Public entries are on the public pages, exports and API;
// secretariat entries only in the signed-in secretariat area; hidden
// entries are kept (e.g. while consent is sought) but shown nowhere except
// to the curators editing them.
const (
	Public      Visibility = "public"
	Secretariat Visibility = "secretariat"
	Hidden      Visibility = "hidden"
)

// Visibilities lists the visibilities in display order.
var Visibilities = []Visibility{Public, Secretariat, Hidden}

// Valid reports whether v is a known visibility.
func (v Visibility) Valid() bool { return slices.Contains(Visibilities, v) }

// LegalBasis is the GDPR article 6 ground on which a person's data are kept.
type LegalBasis string

// Legal bases.
const (
	Consent            LegalBasis = "consent"
	PublicTask         LegalBasis = "public_task"
	LegitimateInterest LegalBasis = "legitimate_interest"
)

// LegalBases lists the legal bases.
var LegalBases = []LegalBasis{Consent, PublicTask, LegitimateInterest}

// Valid reports whether b is a known legal basis.
func (b LegalBasis) Valid() bool { return slices.Contains(LegalBases, b) }

// Role is a person's function in anti-trafficking work.
type Role string

// Roles of a person. National coordinators and rapporteurs are the ones
// the Council of Europe Convention (article 29) asks each state to name.
const (
	NationalCoordinator Role = "national_coordinator"
	DeputyCoordinator   Role = "deputy_coordinator"
	NationalRapporteur  Role = "national_rapporteur"
	ContactPoint        Role = "contact_point"
	Expert              Role = "expert"
	Press               Role = "press"
)

// Roles lists the roles in display order.
var Roles = []Role{NationalCoordinator, DeputyCoordinator, NationalRapporteur, ContactPoint, Expert, Press}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// SpokenLanguages are the languages a contact may say they speak: the five
// of the interface plus the others heard in Nordic and Baltic cooperation.
var SpokenLanguages = []string{"en", "fi", "sv", "da", "no", "is", "et", "lv", "lt", "ru", "de", "pl", "fo", "kl", "se", "fr"}

// Person is a contact in the directory. Every field is personal data: it
// is shown according to Visibility and erased completely on request.
type Person struct {
	ID         int64
	GivenName  string
	FamilyName string
	// Titles holds the job title per language; OriginalLang is the language
	// the title was given in.
	Titles         lang.Texts
	OriginalLang   lang.Code
	OrganisationID *int64
	Email          string
	Phone          string
	Country        Country
	Languages      []string
	Roles          []Role
	Visibility     Visibility
	LegalBasis     LegalBasis
	// LegalBasisDate is when consent was given or the basis was assessed (UTC midnight).
	LegalBasisDate time.Time
	// VerifiedAt is the day the entry was last confirmed correct (UTC midnight).
	VerifiedAt time.Time
	// VerifiedBy is who confirmed the entry last: a secretariat account's
	// address, or SelfVerified.
	VerifiedBy string
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Name returns the full name as written in Nordic countries: given, family.
func (p Person) Name() string {
	return strings.TrimSpace(p.GivenName + " " + p.FamilyName)
}

// SortKey orders people by family name, then given name, ignoring accents.
func (p Person) SortKey() string { return lang.Fold(p.FamilyName + " " + p.GivenName) }

// Title returns the job title in l, falling back to the original language.
func (p Person) Title(l lang.Code) (string, lang.Code) { return p.Titles.Get(l, p.OriginalLang) }

// HasRole reports whether p has role r.
func (p Person) HasRole(r Role) bool { return slices.Contains(p.Roles, r) }

// IsPublic reports whether p may appear on public pages, exports and API.
func (p Person) IsPublic() bool { return p.Visibility == Public }

// SearchText is the accent- and case-folded text a search matches: the
// name, the titles in every language and the e-mail address.
func (p Person) SearchText() string {
	parts := []string{p.GivenName, p.FamilyName, p.Email}
	for _, l := range lang.All {
		parts = append(parts, p.Titles[l])
	}
	return lang.Fold(strings.Join(parts, " "))
}

var phoneRE = regexp.MustCompile(`^\+?[0-9][0-9 ()-]{4,30}$`)

// ValidEmail reports whether s is a plain address (no display name, no
// query or other mailto: parts) of sane length; see text.ValidEmail.
func ValidEmail(s string) bool { return text.ValidEmail(s) }

// Normalize trims the free-text fields and lower-cases the e-mail address,
// so that the stored form and the duplicate check agree.
func (p *Person) Normalize() {
	p.GivenName, p.FamilyName = strings.TrimSpace(p.GivenName), strings.TrimSpace(p.FamilyName)
	p.Email = strings.ToLower(strings.TrimSpace(p.Email))
	p.Phone = strings.TrimSpace(p.Phone)
	for l, t := range p.Titles {
		if t = strings.TrimSpace(t); t == "" {
			delete(p.Titles, l)
		} else {
			p.Titles[l] = t
		}
	}
	if p.OriginalLang == "" {
		p.OriginalLang = lang.EN
	}
	if p.Visibility == "" {
		p.Visibility = Hidden
	}
	p.Country = Country(strings.ToUpper(strings.TrimSpace(string(p.Country))))
	p.LegalBasisDate = dayOf(p.LegalBasisDate)
	p.VerifiedAt = dayOf(p.VerifiedAt)
}

func dayOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Validate checks p's fields and returns an apperr Invalid error with
// per-field message IDs.
func (p *Person) Validate() error {
	f := apperr.Fields{}
	if p.GivenName == "" && p.FamilyName == "" {
		f.Add("family_name", "validation.required")
	}
	for field, v := range map[string]string{"given_name": p.GivenName, "family_name": p.FamilyName} {
		if len([]rune(v)) > 100 {
			f.Add(field, "validation.too_long")
		} else if msg := textFault(v, false); msg != "" {
			f.Add(field, msg)
		}
	}
	if _, ok := lang.Parse(string(p.OriginalLang)); !ok {
		f.Add("original_lang", "validation.lang.unknown")
	}
	for l, t := range p.Titles {
		if _, ok := lang.Parse(string(l)); !ok {
			f.Add("title", "validation.lang.unknown")
		}
		if len([]rune(t)) > 200 {
			f.Add("title_"+string(l), "validation.too_long")
		} else if msg := textFault(t, false); msg != "" {
			f.Add("title_"+string(l), msg)
		}
	}
	if p.Email != "" && !ValidEmail(p.Email) {
		f.Add("email", "validation.email")
	}
	if p.Phone != "" && !phoneRE.MatchString(p.Phone) {
		f.Add("phone", "validation.phone")
	}
	if !validCountry(p.Country) {
		f.Add("country", "validation.country.unknown")
	}
	for _, l := range p.Languages {
		if !slices.Contains(SpokenLanguages, l) {
			f.Add("languages", "validation.choice")
		}
	}
	for _, r := range p.Roles {
		if !r.Valid() {
			f.Add("roles", "validation.choice")
		}
	}
	if !p.Visibility.Valid() {
		f.Add("visibility", "validation.choice")
	}
	if !p.LegalBasis.Valid() {
		f.Add("legal_basis", "validation.choice")
	}
	if p.LegalBasisDate.IsZero() {
		f.Add("legal_basis_date", "validation.required")
	}
	return f.Err("validation.failed")
}

// PersonQuery selects people. Zero fields select everything; Visibilities
// must be set by the caller (the Service does it for public views).
type PersonQuery struct {
	Visibilities   []Visibility
	IDs            []int64
	OrganisationID int64
	Country        Country
	Role           Role
	NetworkID      int64
	// Query matches names, titles and e-mail, ignoring case and accents.
	Query string
	// VerifiedBefore selects entries last verified before this instant.
	VerifiedBefore time.Time
	// OrganisationIDs selects the people of any of these organisations
	// (none when it is set but empty).
	OrganisationIDs []int64
	// Limit (0: no limit) and Offset select a window of the result.
	Limit, Offset int
}

// QueryTerms splits a search into at most ten folded words.
func QueryTerms(q string) []string {
	words := strings.Fields(lang.Fold(q))
	if len(words) > 10 {
		words = words[:10]
	}
	return words
}
