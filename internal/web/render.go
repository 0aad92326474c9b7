// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

//go:embed templates
var templateFS embed.FS

// renderer holds the page templates. Each page is the layout plus the
// partials plus its own file. All are parsed at start-up, so a broken
// template fails there; each is then kept only once it is first used, since
// parsed templates are large (about 400 kB a page) and most instances serve
// a handful of public pages far more than the secretariat's forty.
type renderer struct {
	fsys  fs.FS
	pages map[string]*pageTemplate
}

// pageTemplate is one page, parsed on first use.
type pageTemplate struct {
	once sync.Once
	t    *template.Template
	err  error
}

// funcs are language-independent helpers; translation goes through the
// page's Localizer (.L), never through a shared FuncMap.
var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
	// langtag is a language code as a lang or hreflang value ("nb" for /no/).
	"langtag": func(c any) string {
		switch v := c.(type) {
		case lang.Code:
			return v.Tag()
		case string:
			return lang.Code(v).Tag()
		}
		return ""
	},
	"join": strings.Join,
	"list": func(s ...string) []string { return s },
	// dict builds the data of a partial from key/value pairs.
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			if k, ok := kv[i].(string); ok {
				m[k] = kv[i+1]
			}
		}
		return m
	},
	// verifier names who last verified a directory entry: the person
	// themself, or a secretariat account's address.
	"verifier": func(l *i18n.Localizer, by string) string {
		if by == directory.SelfVerified {
			return l.T("verify.by_self")
		}
		return by
	},
	// dateOf is the UTC day of an instant, for formatting with .L.Date.
	"dateOf": func(t time.Time) calendar.Date { return calendar.DateOf(t.UTC()) },
	// paragraphs splits plain text at blank lines; the text stays escaped.
	"paragraphs": func(s string) []string {
		var out []string
		for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	},
}

func newRenderer() (*renderer, error) {
	sub, err := fs.Sub(templateFS, "templates")
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(sub, ".")
	if err != nil {
		return nil, err
	}
	r := &renderer{fsys: sub, pages: map[string]*pageTemplate{}}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "layout.html" || !strings.HasSuffix(name, ".html") {
			continue
		}
		if _, err := r.parse(name); err != nil {
			return nil, err
		}
		r.pages[name] = &pageTemplate{}
	}
	return r, nil
}

func (r *renderer) parse(name string) (*template.Template, error) {
	t, err := template.New("layout.html").Funcs(funcs).ParseFS(r.fsys, "layout.html", "partials/*.html", name)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return t, nil
}

// page returns the parsed template of page.
func (r *renderer) page(name string) (*template.Template, error) {
	p, ok := r.pages[name]
	if !ok {
		return nil, fmt.Errorf("no template %q", name)
	}
	p.once.Do(func() { p.t, p.err = r.parse(name) })
	return p.t, p.err
}

// render executes page into a buffer first so a template error never sends
// half a page.
func (s *Server) render(c echo.Context, code int, page string, data any) error {
	t, err := s.pages.page(page)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	if ok, err := s.storePage(c, code, buf.Bytes()); ok || err != nil {
		return err
	}
	return c.HTMLBlob(code, buf.Bytes())
}
