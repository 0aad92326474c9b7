// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/privacy"
)

// PrivacyNotice is the configurable part of the privacy notice.
type PrivacyNotice struct {
	ControllerName    string
	ControllerAddress string
	Retention         privacy.Policy
	// LinkDays is how long a verification link works.
	LinkDays int
}

// PrivacyKind is one kind of personal data on the notice, localized.
type PrivacyKind struct {
	ID, Heading, Text, Retention string
}

type privacyPage struct {
	Page
	Controller, Address, Contact string
	Kinds                        []PrivacyKind
}

// privacyCounts is the number each kind's texts speak of (plural forms).
func (n PrivacyNotice) privacyCounts(id string) (text, retention int) {
	switch id {
	case "submitters":
		return 0, n.Retention.RejectedMonths
	case "sessions":
		return 0, n.Retention.LoginDays
	case "verification":
		return n.LinkDays, n.Retention.ProposalsMonths
	case "proposals":
		return 0, n.Retention.ProposalsMonths
	}
	return 0, 0
}

// privacy is the privacy notice: one section per kind of personal data
// nordcal holds (privacy.Kinds), then the legal basis and the rights.
func (s *Server) privacy(c echo.Context) error {
	l := s.Bundle.For(langOf(c))
	p := privacyPage{Page: s.page(c, "privacy.title"), Controller: s.Privacy.ControllerName, Address: s.Privacy.ControllerAddress,
		Contact: s.ContactEmail}
	if p.Controller == "" {
		p.Controller = l.T("privacy.controller.default")
	}
	for _, k := range privacy.Kinds {
		key := "privacy.kind." + k.ID
		tn, rn := s.Privacy.privacyCounts(k.ID)
		p.Kinds = append(p.Kinds, PrivacyKind{ID: k.ID, Heading: l.T(key + ".heading"), Text: l.N(key+".text", tn),
			Retention: l.N(key+".retention", rn)})
	}
	return s.render(c, http.StatusOK, "privacy.html", p)
}
