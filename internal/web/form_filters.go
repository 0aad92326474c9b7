// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
)

// FilterForm is the data of the shared filter form (partials/filters.html).
// It submits with GET, so every filtered view has its own URL.
type FilterForm struct {
	L       *i18n.Localizer
	Action  string
	Filter  calendar.Filter
	Options filterOptions
	// Dates shows the from/to fields (the list has them; month and year
	// views have their own period).
	Dates  bool
	Extra  []SelectField
	Submit string
}

// SelectField is one labelled select of the filter form.
type SelectField struct {
	Name     string
	Label    string
	Any      string
	Options  []Option
	Multiple bool
}

// Select builds the select for parameter name; it becomes a multiple
// select when the URL already selects several values, so none is lost.
func (f FilterForm) Select(name string, opts []Option) SelectField {
	n := 0
	for _, o := range opts {
		if o.Selected {
			n++
		}
	}
	return SelectField{Name: name, Label: f.L.T(filterLabelID(name)), Any: f.L.T("filters.any"), Options: opts, Multiple: n > 1}
}
