// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
)

// maxCSVImportBytes bounds an uploaded or pasted CSV file (the request body
// limit is 1 MB in all).
const maxCSVImportBytes = 900 << 10

// ImportRowView is a row of the import preview, localized.
type ImportRowView struct {
	directory.ImportRow
	ActionName string
	Errors     []FieldError
	Changes    []AuditChange
}

type csvImportPage struct {
	Page
	Kind    string
	CSV     string
	Plan    *directory.ImportPlan
	Rows    []ImportRowView
	Error   string
	Columns map[string][]string
	Counts  map[string]int
}

func importColumns() map[string][]string {
	out := map[string][]string{}
	for k, v := range directory.ImportColumns {
		out[string(k)] = v
	}
	return out
}

func (s *Server) csvImportForm(c echo.Context) error {
	p := csvImportPage{Page: s.adminPage(c, "admin.dir.import.title"), Kind: string(directory.ImportPeople), Columns: importColumns()}
	return s.render(c, http.StatusOK, "admin_import.html", p)
}

// importInput reads the kind and the CSV text: an uploaded file, or the
// text field (which the preview page sends back when applying).
func importInput(c echo.Context) (directory.ImportKind, string, error) {
	kind := directory.ImportKind(c.FormValue("kind"))
	if _, ok := directory.ImportColumns[kind]; !ok {
		return kind, "", &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"kind": "validation.choice"}}
	}
	text := c.FormValue("csv")
	if fh, err := c.FormFile("file"); err == nil {
		f, err := fh.Open()
		if err != nil {
			return kind, "", apperr.Wrap(err)
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, maxCSVImportBytes+1))
		if err != nil {
			return kind, "", apperr.Wrap(err)
		}
		text = string(b)
	}
	if len(text) > maxCSVImportBytes {
		return kind, "", &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"file": "directory.import.too_large"}}
	}
	if strings.TrimSpace(text) == "" {
		return kind, "", &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"file": "directory.import.empty"}}
	}
	return kind, strings.TrimPrefix(text, "\ufeff"), nil
}

func (s *Server) renderCSVImport(c echo.Context, kind directory.ImportKind, text string, plan *directory.ImportPlan, err error) error {
	l := s.Bundle.For(langOf(c))
	p := csvImportPage{Page: s.adminPage(c, "admin.dir.import.title"), Kind: string(kind), CSV: text, Plan: plan, Columns: importColumns()}
	code := http.StatusOK
	if err != nil {
		msg, fe := s.fieldErrors(c, err)
		if fe == nil {
			return err
		}
		p.Error = msg
		for _, m := range fe {
			p.Error += " " + m
		}
		code = statusOf(apperr.KindOf(err))
	}
	if plan != nil {
		if plan.Error != "" {
			p.Error, code = l.T(plan.Error), http.StatusBadRequest
		} else if !plan.OK() {
			code = http.StatusBadRequest
		}
		p.Counts = map[string]int{}
		for _, a := range []directory.ImportAction{directory.ImportCreate, directory.ImportUpdate, directory.ImportUnchanged, directory.ImportError} {
			p.Counts[string(a)] = plan.Count(a)
		}
		for _, r := range plan.Rows {
			rv := ImportRowView{ImportRow: r, ActionName: l.T("admin.dir.import.action." + string(r.Action))}
			for f, m := range r.Errors {
				rv.Errors = append(rv.Errors, FieldError{Field: f, Label: f, Message: l.T(m)})
			}
			sort.Slice(rv.Errors, func(i, j int) bool { return rv.Errors[i].Field < rv.Errors[j].Field })
			rv.Changes = auditRows(l, s.viewerZone(c), []audit.Entry{{Changes: r.Changes}})[0].Changes
			p.Rows = append(p.Rows, rv)
		}
	}
	return s.render(c, code, "admin_import.html", p)
}

// importPreview shows, row by row, what importing the file would do;
// nothing is stored.
func (s *Server) importPreview(c echo.Context) error {
	kind, text, err := importInput(c)
	if err != nil {
		return s.renderCSVImport(c, kind, "", nil, err)
	}
	plan, err := s.Directory.PlanImport(c.Request().Context(), kind, strings.NewReader(text))
	if err != nil {
		return err
	}
	return s.renderCSVImport(c, kind, text, &plan, nil)
}

// importApply stores the whole file in one transaction, or nothing when
// any row has an error (then the preview is shown again).
func (s *Server) importApply(c echo.Context) error {
	kind, text, err := importInput(c)
	if err != nil {
		return s.renderCSVImport(c, kind, "", nil, err)
	}
	plan, err := s.Directory.ApplyImport(c.Request().Context(), actorOf(c), kind, strings.NewReader(text))
	if err != nil {
		if _, fe := s.fieldErrors(c, err); fe != nil {
			return s.renderCSVImport(c, kind, text, &plan, err)
		}
		return err
	}
	if !plan.OK() {
		return s.renderCSVImport(c, kind, text, &plan, nil)
	}
	s.flash(c, "admin.dir.import.done")
	return c.Redirect(http.StatusSeeOther, "/admin/directory")
}
