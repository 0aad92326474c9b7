// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// maxProposalInput bounds each submitted value of a proposal form before
// the domain's own, smaller limits: longer input is cut, then refused.
const maxProposalInput = 4 * directory.MaxProposalNote

// ProposalField is one field of a proposal form or diff, localized.
type ProposalField struct {
	Key   string
	Label string
	// Lang is the language of a per-language name or title, "" otherwise.
	Lang     lang.Code
	Current  string
	Proposed string
	Error    string
	// Changed marks the fields a proposal changes.
	Changed bool
}

// proposalValues reads the proposable fields of record type typ that the
// form holds (a field left out is not a change), cut at maxProposalInput.
func proposalValues(c echo.Context, typ string) map[string]string {
	out := map[string]string{}
	form, _ := c.FormParams()
	for _, k := range directory.ProposableFields(typ) {
		if _, ok := form[k]; ok {
			out[k] = cut(form.Get(k), maxProposalInput)
		}
	}
	return out
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// proposalFields lays out the proposable fields of typ for a form: current
// values, the values entered (the current ones on first display) and
// field messages.
func proposalFields(l *i18n.Localizer, typ string, current, entered map[string]string, fe FormErrors) []ProposalField {
	var out []ProposalField
	for _, k := range directory.ProposableFields(typ) {
		f := ProposalField{Key: k, Label: dirFieldLabel(l, k), Current: current[k], Proposed: current[k], Error: fe[k]}
		if v, ok := entered[k]; ok {
			f.Proposed = v
		}
		f.Lang = fieldLang(k)
		f.Changed = f.Proposed != f.Current
		out = append(out, f)
	}
	return out
}

// fieldLang is the language of a per-language field key ("title_sv").
func fieldLang(k string) lang.Code {
	if len(k) > 3 && k[len(k)-3] == '_' {
		if c, ok := lang.Parse(k[len(k)-2:]); ok {
			return c
		}
	}
	return ""
}

func dirFieldLabel(l *i18n.Localizer, k string) string {
	if name, ok := l.DirFieldName(k); ok {
		return name
	}
	return k
}
