// SPDX-License-Identifier: AGPL-3.0-or-later

package i18n

import "strings"

// eventFieldLabels are the message IDs of the labels of the keys an event's
// fields are recorded and reported under (calendar's audit diff, Incomplete,
// change notices). Titles and descriptions are kept per language as
// title_<code> and description_<code>.
var eventFieldLabels = map[string]string{"title": "field.title", "description": "field.description",
	"start": "field.start", "end": "field.end", "all_day": "form.all_day", "zone": "field.zone",
	"venue": "field.venue", "address": "field.address", "city": "field.city", "country": "field.country",
	"attendance": "field.attendance", "online_url": "field.online_url", "category": "field.category",
	"topics": "field.topics", "audience": "field.audience", "languages": "field.languages",
	"registration_url": "field.registration_url", "registration_deadline": "form.registration_deadline",
	"contact_email": "field.contact_email", "public_url": "field.public_url", "organisers": "field.organisers",
	"networks": "field.networks", "original_lang": "field.original_lang", "status": "field.status",
	"repeat": "field.repeat", "repeat_except": "field.repeat_except", "repeat_extra": "field.repeat_extra"}

// perLanguage splits a per-language key ("title_sv") into its field and
// language code.
func perLanguage(field string) (base, code string, ok bool) {
	for _, f := range []string{"title", "description"} {
		if code, ok := strings.CutPrefix(field, f+"_"); ok {
			return f, code, true
		}
	}
	return "", "", false
}

// FieldLabelID returns the message ID of the label of an event field key;
// a per-language key gets its field's. ok is false for a key events do not
// have.
func FieldLabelID(field string) (id string, ok bool) {
	if base, _, ok := perLanguage(field); ok {
		field = base
	}
	id, ok = eventFieldLabels[field]
	return id, ok
}

// FieldName names an event field key in l: "Title (Swedish)" for a title
// kept per language. ok is false for a key events do not have.
func (l *Localizer) FieldName(field string) (string, bool) {
	id, ok := FieldLabelID(field)
	if !ok {
		return "", false
	}
	if _, code, ok := perLanguage(field); ok {
		return l.T(id) + " (" + l.LangName(code) + ")", true
	}
	return l.T(id), true
}
