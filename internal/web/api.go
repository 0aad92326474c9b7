// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	_ "embed"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

//go:embed openapi.json
var openAPISpec []byte

const jsonType = "application/json; charset=utf-8"

// apiEventList is the /api/v1/events response.
type apiEventList struct {
	Events []apiEvent `json:"events"`
	apiPage
}

type apiText struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
}

type apiRef struct {
	Slug         string `json:"slug"`
	Name         string `json:"name"`
	NameLang     string `json:"name_lang"`
	Abbreviation string `json:"abbreviation,omitempty"`
	Country      string `json:"country,omitempty"`
}

type apiEvent struct {
	ID                   int64              `json:"id"`
	UID                  string             `json:"uid"`
	Status               string             `json:"status"`
	Sequence             int                `json:"sequence"`
	Title                string             `json:"title"`
	TitleLang            string             `json:"title_lang"`
	Description          string             `json:"description,omitempty"`
	DescriptionLang      string             `json:"description_lang,omitempty"`
	OriginalLang         string             `json:"original_lang"`
	Translations         map[string]apiText `json:"translations"`
	AllDay               bool               `json:"all_day"`
	Start                string             `json:"start"`
	End                  string             `json:"end"`
	StartDate            string             `json:"start_date"`
	EndDate              string             `json:"end_date"`
	Zone                 string             `json:"zone"`
	Venue                string             `json:"venue,omitempty"`
	Address              string             `json:"address,omitempty"`
	City                 string             `json:"city,omitempty"`
	Country              string             `json:"country,omitempty"`
	Attendance           string             `json:"attendance"`
	OnlineURL            string             `json:"online_url,omitempty"`
	Category             string             `json:"category"`
	Topics               []string           `json:"topics"`
	Audience             string             `json:"audience"`
	Languages            []string           `json:"languages"`
	RegistrationURL      string             `json:"registration_url,omitempty"`
	RegistrationDeadline string             `json:"registration_deadline,omitempty"`
	ContactEmail         string             `json:"contact_email,omitempty"`
	PublicURL            string             `json:"public_url,omitempty"`
	URL                  string             `json:"url"`
	ICSURL               string             `json:"ics_url"`
	Organisers           []apiRef           `json:"organisers"`
	Networks             []apiRef           `json:"networks"`
	Created              string             `json:"created"`
	Updated              string             `json:"updated"`
	// SeriesID and RecurrenceKey name a date of a series (see api_series.go).
	SeriesID      int64  `json:"series_id,omitempty"`
	RecurrenceKey string `json:"recurrence_key,omitempty"`
	Overridden    bool   `json:"overridden,omitempty"`
	// Repeat, Overrides and Occurrences describe a series (GET /events/{id}).
	Repeat      *apiRepeat      `json:"repeat,omitempty"`
	Overrides   []apiEvent      `json:"overrides,omitempty"`
	Occurrences []apiOccurrence `json:"occurrences,omitempty"`
}

func (s *Server) toAPI(l *i18n.Localizer, e calendar.Event) apiEvent {
	first, last := e.Days()
	a := apiEvent{
		ID: e.ID, UID: e.UID, Status: string(e.Status), Sequence: e.Sequence, OriginalLang: string(e.OriginalLang),
		Translations: map[string]apiText{}, AllDay: e.AllDay,
		Start: e.Start.In(e.Location()).Format(time.RFC3339), End: e.End.In(e.Location()).Format(time.RFC3339),
		StartDate: first.String(), EndDate: last.String(), Zone: e.Zone, Venue: e.Venue, Address: e.Address,
		City: e.City, Country: string(e.Country), Attendance: string(e.Attendance), OnlineURL: e.OnlineURL,
		Category: string(e.Category), Topics: []string{}, Audience: string(e.Audience), Languages: []string{},
		RegistrationURL: e.RegistrationURL, ContactEmail: e.ContactEmail, PublicURL: e.PublicURL,
		ICSURL:   s.abs("/events/" + strconv.FormatInt(e.PageID(), 10) + ".ics?lang=" + string(l.Lang)),
		SeriesID: e.SeriesID, RecurrenceKey: e.RecurrenceKey, Overridden: e.Overridden,
		Organisers: []apiRef{}, Networks: []apiRef{},
		Created: e.CreatedAt.UTC().Format(time.RFC3339), Updated: e.UpdatedAt.UTC().Format(time.RFC3339),
	}
	path, _ := eventLink(l, e)
	a.URL = s.abs(path)
	var tl, dl lang.Code
	a.Title, tl = e.Title(l.Lang)
	a.TitleLang = string(tl)
	if a.Description, dl = e.Description(l.Lang); a.Description != "" {
		a.DescriptionLang = string(dl)
	}
	for code, t := range e.Texts {
		a.Translations[string(code)] = apiText{Title: t.Title, Description: t.Description}
	}
	for _, t := range e.Topics {
		a.Topics = append(a.Topics, string(t))
	}
	a.Languages = append(a.Languages, e.Languages...)
	if !e.RegistrationDeadline.IsZero() {
		a.RegistrationDeadline = e.RegistrationDeadline.String()
	}
	for _, o := range e.Organisers {
		n, nl := o.Name(l.Lang)
		a.Organisers = append(a.Organisers, apiRef{Slug: o.Slug, Name: n, NameLang: string(nl), Abbreviation: o.Abbreviation, Country: string(o.Country)})
	}
	for _, n := range e.Networks {
		name, nl := n.Name(l.Lang)
		a.Networks = append(a.Networks, apiRef{Slug: n.Slug, Name: name, NameLang: string(nl), Abbreviation: n.Abbreviation})
	}
	return a
}

func (s *Server) apiEvents(c echo.Context) error {
	f, l, err := s.filterAndLang(c)
	if err != nil {
		return err
	}
	p, err := parsePaging(c)
	if err != nil {
		return err
	}
	res, err := s.Calendar.List(c.Request().Context(), f, p.Page, p.PerPage)
	if err != nil {
		return err
	}
	out := apiEventList{Events: []apiEvent{}, apiPage: s.pageOf(c, p, res.Total)}
	for _, e := range res.Events {
		out.Events = append(out.Events, s.toAPI(l, e))
	}
	return sendJSON(c, out)
}

func (s *Server) apiSpec(c echo.Context) error {
	return serveBytes(c, openAPISpec, time.Time{}, jsonType, "public, max-age=3600")
}
