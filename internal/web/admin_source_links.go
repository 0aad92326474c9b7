// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// LinkView is one synced event with what its sync asks the secretariat,
// for the source page, the review queue and the dashboard.
type LinkView struct {
	calendar.SourceLink
	Event EventView
	// Open is set when a decision is asked; Question says which, Changes
	// lists the source's proposed changes field by field.
	Open     bool
	Question string
	Changes  []AuditChange
	// Clash is "Source X moved event Y by three days; it now clashes
	// with Z", or "" when the sync created no serious clash.
	Clash     string
	ClashLang lang.Code
	// Decisions are the buttons offered (calendar.Decide*); Back is the
	// page to return to.
	Decisions []string
	Back      string
}

func (s *Server) linkViews(c echo.Context, l *i18n.Localizer, links []calendar.SourceLink) ([]LinkView, error) {
	byID, err := s.Sources.LinkedEvents(c.Request().Context(), links)
	if err != nil {
		return nil, err
	}
	out := make([]LinkView, 0, len(links))
	zone := s.viewerZone(c)
	for _, k := range links {
		e, ok := byID[k.EventID]
		if !ok {
			continue
		}
		out = append(out, linkView(l, zone, k, e, c.Request().URL.Path))
	}
	return out, nil
}

func linkView(l *i18n.Localizer, zone *time.Location, k calendar.SourceLink, e calendar.Event, back string) LinkView {
	v := LinkView{SourceLink: k, Back: back}
	v.Event = eventView(l, e, zone)
	if k.Open != "" {
		v.Open, v.Question = true, l.T("source.link."+k.Open)
		if _, changes, ok := calendar.Proposal(k, e); ok {
			v.Changes = auditRows(l, nil, []audit.Entry{{Changes: changes}})[0].Changes
		}
	}
	switch k.Open {
	case calendar.LinkChange, calendar.LinkConflict:
		v.Decisions = append(v.Decisions, calendar.DecideApply, calendar.DecideKeep)
	case calendar.LinkGone:
		v.Decisions = append(v.Decisions, calendar.DecideCancel, calendar.DecideKeep)
	}
	if k.Clash != nil {
		v.Decisions = append(v.Decisions, calendar.DecideDismiss)
	}
	if c := k.Clash; c != nil {
		name := k.SourceName
		if name == "" {
			name = l.T("source.this")
		}
		if c.New {
			v.Clash = l.T("source.clash.new", "Source", name, "Event", v.Event.Title, "Other", c.OtherTitle)
		} else {
			days := c.MovedDays
			if days < 0 {
				days = -days
			}
			v.Clash = l.N("source.clash.moved", days, "Source", name, "Event", v.Event.Title, "Days", l.Number(days), "Other", c.OtherTitle)
		}
		v.ClashLang = lang.Code(c.OtherLang)
	}
	return v
}

// openLinks is what the syncs ask, for the review queue and the
// dashboard; nil without partner calendars.
func (s *Server) openLinks(c echo.Context, l *i18n.Localizer) ([]LinkView, error) {
	if s.Sources == nil {
		return nil, nil
	}
	links, err := s.Sources.OpenLinkList(c.Request().Context())
	if err != nil {
		return nil, err
	}
	return s.linkViews(c, l, links)
}

// decideLink takes the secretariat's decision on what a sync asks:
// apply the source's version, keep nordcal's, cancel an event gone from
// its source, or take note of a clash.
func (s *Server) decideLink(c echo.Context) error {
	id, err := s.sourceParam(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	if err := s.Sources.Decide(c.Request().Context(), actorOf(c), id, version, c.FormValue("decision")); err != nil {
		return err
	}
	s.flash(c, "source.flash.decided")
	back := localNext(c.FormValue("back"))
	return c.Redirect(http.StatusSeeOther, back)
}
