// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"cmp"
	"maps"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

// QueueItem is one pending event in the moderation queue.
type QueueItem struct {
	Event       EventView
	Submission  calendar.Submission
	Warnings    int
	Worst       string
	WorstLabel  string
	ProposedOrg bool
	// Incomplete is set when the event lacks what approval needs.
	Incomplete bool
}

type moderationPage struct {
	Page
	Items []QueueItem
	Queue calendar.Queue
	Pager Pager
	// Synced is what the partner calendars' syncs ask (changes to approve,
	// conflicts, events gone, clashes).
	Synced []LinkView
}

func worstOf(l *i18n.Localizer, ws []calendar.Warning) (string, string) {
	var worst calendar.Level
	for _, w := range ws {
		if lv, ok := calendar.ParseLevel(w.Level); ok {
			worst = max(worst, lv)
		}
	}
	if worst == 0 {
		return "", ""
	}
	return worst.String(), l.T("clash.level." + worst.String())
}

// moderationQueue lists one page of the pending events, oldest first, with
// the worst warning their submitters saw.
func (s *Server) moderationQueue(c echo.Context) error {
	page, err := pageParam(c)
	if err != nil {
		return err
	}
	queue, err := s.Calendar.PendingPage(c.Request().Context(), page, adminPerPage)
	if err != nil {
		return err
	}
	p := moderationPage{Page: s.adminPage(c, "moderation.title"), Queue: queue}
	l := p.L
	p.Pager = newPager(l, queue.Page, queue.Pages(), func(n int) string {
		if n == 1 {
			return "/admin/moderation"
		}
		return "/admin/moderation?page=" + strconv.Itoa(n)
	})
	for _, it := range queue.Items {
		q := QueueItem{Event: eventView(l, it.Event, s.viewerZone(c)), Submission: it.Submission, Warnings: len(it.Submission.Warnings),
			ProposedOrg: !it.Submission.ProposedOrg.IsZero(), Incomplete: len(it.Incomplete) > 0}
		q.Worst, q.WorstLabel = worstOf(l, it.Submission.Warnings)
		p.Items = append(p.Items, q)
	}
	if p.Synced, err = s.openLinks(c, l); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "admin_moderation.html", p)
}

// adminEventPage is the secretariat's view of one event: the edit form,
// the submission, the live clash report and the moderation actions.
type adminEventPage struct {
	eventFormPage
	Event      EventView
	Submission *calendar.Submission
	Warnings   []WarningView
	Pending    bool
	// Incomplete names the fields approval still needs, in the reader's language.
	Incomplete []string
	// Cancellable and Reinstatable offer cancelling a public event and
	// undoing a cancellation.
	Cancellable, Reinstatable bool
	// Dates lists a series' dates, each linking to its own page.
	Dates *SeriesView
	// Docs are the attached documents and the attach form's choices.
	Docs eventAttachments
}

func (s *Server) eventByParam(c echo.Context) (calendar.Event, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return calendar.Event{}, errNotFound
	}
	return s.Calendar.EventAny(c.Request().Context(), id)
}

func (s *Server) adminEvent(c echo.Context) error {
	if e, err := s.eventByParam(c); err == nil && e.IsOccurrence() {
		// A date of a series has its own page, named by series and key.
		return c.Redirect(http.StatusSeeOther, adminDatePath(e.SeriesID, e.RecurrenceKey))
	}
	return s.renderAdminEvent(c, http.StatusOK, nil, nil, "")
}

func (s *Server) renderAdminEvent(c echo.Context, code int, f *EventForm, fe FormErrors, msg string) error {
	ctx := c.Request().Context()
	e, err := s.eventByParam(c)
	if err != nil {
		return err
	}
	p := adminEventPage{Pending: e.Status == calendar.Pending, Reinstatable: e.Status == calendar.Cancelled,
		Cancellable: e.Status == calendar.Published || e.Status == calendar.Tentative}
	p.Page = s.adminPage(c, "admin.event.title")
	l := p.L
	form := formOf(e)
	if f != nil {
		form = *f
	}
	p.Form, p.Fields, p.Error, p.OpenEnded = form, fe, msg, true
	if f != nil {
		p.Series = s.formSeries(l, form)
	}
	if err := s.adminSeries(ctx, &p, e); err != nil {
		return err
	}
	p.Options, err = s.formOptions(ctx, l, form)
	if err != nil {
		return err
	}
	p.Action = "/admin/events/" + strconv.FormatInt(e.ID, 10)
	p.Event = eventView(l, e, s.viewerZone(c))
	if sub, err := s.Calendar.Submission(ctx, e.ID); err == nil {
		p.Submission = &sub
		p.Warnings = storedWarnings(l, sub.Warnings)
		if p.Pending {
			missing := calendar.Incomplete(e, sub)
			for _, field := range slices.Sorted(maps.Keys(missing)) {
				p.Incomplete = append(p.Incomplete, l.T(fieldLabelID(field)))
			}
			if f == nil && len(missing) > 0 {
				fields := apperr.Fields{}
				mergeFieldErrors(fields, &apperr.Error{Kind: apperr.Invalid, Fields: missing})
				p.Fields = s.localizeFields(l, fields)
			}
		}
	} else if !apperr.Is(err, apperr.NotFound) {
		return err
	}
	if r, err := s.Calendar.Clashes(ctx, e); err == nil {
		v := s.reportView(l, r)
		p.Report = &v
	} else {
		return err
	}
	if p.Docs, err = s.eventAttachmentsFor(c, e.ID); err != nil {
		return err
	}
	return s.render(c, code, "admin_event.html", p)
}

// fieldLabelID returns the message ID of the label of a domain field key.
func fieldLabelID(field string) string {
	if id, ok := i18n.FieldLabelID(field); ok {
		return id
	}
	return "admin.event.incomplete_other"
}

// storedWarnings localizes the warnings kept with a submission.
func storedWarnings(l *i18n.Localizer, ws []calendar.Warning) []WarningView {
	out := make([]WarningView, 0, len(ws))
	for _, w := range ws {
		first, _ := calendar.ParseDate(w.First)
		last, _ := calendar.ParseDate(w.Last)
		v := WarningView{Level: w.Level, LevelLabel: l.T("clash.level." + w.Level), Kind: w.Kind, Title: w.Title,
			TitleLang: lang.Code(w.TitleLang), When: span(l, first, last)}
		if v.TitleLang == "" {
			v.TitleLang = l.Lang
		}
		switch w.Kind {
		case "holiday":
			v.Title, v.TitleLang = l.T(w.NameID), l.Lang
			v.Reasons = []string{l.T("clash.reason.holiday", "Country", l.T("country."+w.Country))}
		case "protected":
			v.Reasons = []string{l.T("clash.reason.protected")}
		case "event":
			v.URL = "/admin/events/" + strconv.FormatInt(w.EventID, 10)
		}
		for _, r := range w.Reasons {
			v.Reasons = append(v.Reasons, reasonText(l, calendar.Reason(r)))
		}
		out = append(out, v)
	}
	// Most serious first, as calendar.ClashReport.Findings: submissions
	// stored before the report had one order keep the order they came in.
	slices.SortStableFunc(out, func(a, b WarningView) int {
		x, _ := calendar.ParseLevel(a.Level)
		y, _ := calendar.ParseLevel(b.Level)
		return cmp.Compare(y, x)
	})
	return out
}

// adminSaveEvent saves the secretariat's edit (before approving, or of a
// published event).
func (s *Server) adminSaveEvent(c echo.Context) error {
	e, err := s.eventByParam(c)
	if err != nil {
		return err
	}
	l := langOf(c)
	loc := s.Bundle.For(l)
	f := parseEventForm(c)
	next, fe := f.event(e.OriginalLang)
	if len(fe) > 0 {
		return s.renderAdminEvent(c, http.StatusBadRequest, &f, s.localizeFields(loc, fe), loc.T("validation.failed"))
	}
	next.ID = e.ID
	keepSeriesDates(e, &next)
	if err := s.Calendar.Edit(c.Request().Context(), actorOf(c), &next); err != nil {
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		return s.renderAdminEvent(c, code, &f, fields, msg)
	}
	s.flash(c, "admin.event.saved")
	return c.Redirect(http.StatusSeeOther, "/admin/events/"+strconv.FormatInt(e.ID, 10))
}

// cancelEvent cancels a public event once the secretariat has confirmed
// that every subscriber is to be told.
func (s *Server) cancelEvent(c echo.Context) error {
	if c.FormValue("confirm_cancel") != "on" {
		loc := s.Bundle.For(langOf(c))
		fe := s.localizeFields(loc, apperr.Fields{"confirm_cancel": "validation.confirm_cancel"})
		return s.renderAdminEvent(c, http.StatusBadRequest, nil, fe, loc.T("validation.failed"))
	}
	return s.decideEvent(c, func(m calendar.Moderation) error {
		return s.Calendar.Cancel(c.Request().Context(), actorOf(c), m.EventID, m.Version)
	}, "admin.event.cancelled", "/admin/events/"+c.Param("id"))
}

// reinstateEvent undoes a cancellation.
func (s *Server) reinstateEvent(c echo.Context) error {
	return s.decideEvent(c, func(m calendar.Moderation) error {
		return s.Calendar.Reinstate(c.Request().Context(), actorOf(c), m.EventID, m.Version)
	}, "admin.event.reinstated", "/admin/events/"+c.Param("id"))
}

func moderationOf(c echo.Context) calendar.Moderation {
	id, _ := strconv.ParseInt(c.Param("id"), 10, 64)
	v, _ := strconv.Atoi(c.FormValue("version"))
	into, _ := strconv.ParseInt(c.FormValue("merge_into"), 10, 64)
	return calendar.Moderation{EventID: id, Version: v, Reason: formValue(c, "reason"), MergeInto: into,
		CreateProposed: c.FormValue("create_org") == "on"}
}

// moderate runs one decision and returns to the queue, or shows the event
// again with the problem.
func (s *Server) moderate(c echo.Context, decide func(calendar.Moderation) error, flash string) error {
	return s.decideEvent(c, decide, flash, "/admin/moderation")
}

// decideEvent runs one action on the event of the URL and goes to next,
// or shows the event again with the problem.
func (s *Server) decideEvent(c echo.Context, decide func(calendar.Moderation) error, flash, next string) error {
	m := moderationOf(c)
	if err := decide(m); err != nil {
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		return s.renderAdminEvent(c, code, nil, fields, msg)
	}
	s.flash(c, flash)
	return c.Redirect(http.StatusSeeOther, next)
}

func (s *Server) approveEvent(c echo.Context) error {
	return s.moderate(c, func(m calendar.Moderation) error { return s.Calendar.Approve(c.Request().Context(), actorOf(c), m) },
		"moderation.approved")
}

func (s *Server) rejectEvent(c echo.Context) error {
	return s.moderate(c, func(m calendar.Moderation) error { return s.Calendar.Reject(c.Request().Context(), actorOf(c), m) },
		"moderation.rejected")
}

func (s *Server) mergeEvent(c echo.Context) error {
	return s.moderate(c, func(m calendar.Moderation) error { return s.Calendar.Merge(c.Request().Context(), actorOf(c), m) },
		"moderation.merged")
}
