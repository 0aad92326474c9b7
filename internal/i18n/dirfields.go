// SPDX-License-Identifier: AGPL-3.0-or-later

package i18n

import "strings"

// dirFieldLabels are the message IDs of the labels of the keys the
// directory's people and organisations are recorded under (audit trail,
// proposed changes); names and job titles are kept per language as
// name_<code> and title_<code>.
var dirFieldLabels = map[string]string{"given_name": "admin.dir.field.given_name", "family_name": "admin.dir.field.family_name",
	"title": "admin.dir.field.title", "name": "admin.dir.field.name", "email": "admin.dir.field.email",
	"phone": "admin.dir.field.phone", "country": "admin.dir.field.country", "languages": "admin.dir.field.languages",
	"roles": "admin.dir.field.roles", "visibility": "admin.dir.field.visibility", "legal_basis": "admin.dir.field.legal_basis",
	"legal_basis_date": "admin.dir.field.legal_basis_date", "verified_at": "admin.dir.field.verified_at",
	"verified_by": "admin.dir.field.verified_by", "organisation": "admin.dir.field.organisation", "slug": "admin.dir.field.slug",
	"abbreviation": "admin.dir.field.abbreviation", "type": "admin.dir.field.type", "website": "admin.dir.field.website",
	"switchboard": "admin.dir.field.switchboard", "address": "admin.dir.field.address", "parent": "admin.dir.field.parent",
	"original_lang": "admin.dir.field.original_lang", "registry_id": "admin.dir.field.registry_id",
	"status": "admin.dir.field.status", "merged_into": "admin.dir.field.merged_into", "merged_from": "admin.dir.field.merged_from",
	"topics": "field.topics", "mailbox": "role.mailbox", "retired": "role.retired_label", "holder": "role.holder",
	"from": "field.from", "to": "field.to"}

// DirFieldName names a directory field key in l: "Job title (Swedish)"
// for a title kept per language. ok is false for a key the directory's
// people and organisations do not have.
func (l *Localizer) DirFieldName(field string) (string, bool) {
	for _, f := range []string{"title", "name"} {
		if code, ok := strings.CutPrefix(field, f+"_"); ok {
			return l.T(dirFieldLabels[f]) + " (" + l.LangName(code) + ")", true
		}
	}
	id, ok := dirFieldLabels[field]
	if !ok {
		return "", false
	}
	return l.T(id), true
}
