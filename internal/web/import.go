// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/icsimport"
	"github.com/nordcal/nordcal/internal/lang"
)

// maxImportBytes caps an uploaded or fetched calendar file.
const maxImportBytes = 1 << 20

// importPage is the data of the import form (public and secretariat).
type importPage struct {
	Page
	Form     EventForm
	URL      string
	TextLang lang.Code
	Options  FormOptions
	Fields   FormErrors
	Error    string
	Problems []string
	Done     []ImportedView
	Updated  int
	// Unchanged counts known events the file said nothing new about.
	Unchanged int
	Action    string
	Public    bool
	// OptionSets names the select lists the template ranges over.
	OptionSets map[string][]Option
}

// ImportedView is one imported event on the result page.
type ImportedView struct {
	Event   EventView
	Updated bool
	Link    string
}

func (s *Server) importForm(c echo.Context) error {
	f := EventForm{Category: string(calendar.Meeting), Attendance: string(calendar.OnSite), Audience: string(calendar.Open)}
	return s.renderImport(c, http.StatusOK, importPage{Form: f, TextLang: langOf(c)})
}

func (s *Server) renderImport(c echo.Context, code int, p importPage) error {
	public := !isAdminPath(c)
	base := s.page(c, "import.title")
	if !public {
		base = s.adminPage(c, "import.title")
	}
	base.CSRF, _ = c.Get(ctxCSRF).(string)
	base.NoIndex = true
	p.Page, p.Public = base, public
	p.Action = "/" + string(langOf(c)) + "/events/import"
	if !public {
		p.Action = "/admin/import"
	}
	opts, err := s.formOptions(c.Request().Context(), p.L, p.Form)
	if err != nil {
		return err
	}
	p.Options = opts
	p.OptionSets = map[string][]Option{"category": opts.Categories, "attendance": opts.Attendances, "audience": opts.Audiences}
	return s.render(c, code, "import.html", p)
}

func isAdminPath(c echo.Context) bool {
	p := c.Request().URL.Path
	return len(p) >= 6 && p[:6] == "/admin"
}

// importEvents reads the file or URL, parses it and imports the events,
// all or nothing.
func (s *Server) importEvents(c echo.Context) error {
	ctx := c.Request().Context()
	l := langOf(c)
	loc := s.Bundle.For(l)
	public := !isAdminPath(c)
	if public && c.FormValue("homepage") != "" {
		return apperr.New(apperr.Invalid, "register.honeypot")
	}
	f := parseEventForm(c)
	p := importPage{Form: f, URL: formValue(c, "url"), TextLang: l}
	if tl, ok := lang.Parse(c.FormValue("text_lang")); ok {
		p.TextLang = tl
	}
	fail := func(code int, msgID string, fe FormErrors) error {
		p.Error, p.Fields = loc.T(msgID), fe
		return s.renderImport(c, code, p)
	}
	// The defaults are checked like an event's fields, on a stand-in.
	f.StartDate, f.EndDate, f.AllDay = "2030-01-01", "2030-01-01", true
	f.Titles = map[lang.Code]string{p.TextLang: "-"}
	defaults, fe := f.event(p.TextLang)
	if len(fe) > 0 {
		return fail(http.StatusBadRequest, "validation.failed", s.localizeFields(loc, fe))
	}
	data, err := s.importSource(c, p.URL)
	if err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			return fail(http.StatusBadRequest, ae.MsgID, nil)
		}
		return err
	}
	items, err := icsimport.Parse(bytes.NewReader(data), icsimport.Options{Lang: p.TextLang, Zone: defaults.Zone,
		Now: s.Calendar.Now(), MaxEvents: calendar.MaxImportEvents, UnknownZonesAsZone: f.Zone != "", Own: s.ownFeeds})
	if err != nil {
		var ie *icsimport.Error
		if !errors.As(err, &ie) {
			return err
		}
		// What is wrong with the file is said next to the field it came
		// from.
		source := "file"
		if p.URL != "" {
			source = "url"
		}
		return fail(http.StatusBadRequest, "validation.failed", FormErrors{source: loc.T(ie.MsgID, argsKV(loc, withLine(ie.Args, ie.Line))...)})
	}
	req := calendar.ImportRequest{Defaults: defaults}
	if public {
		req.Submitter = f.submission(l)
		req.Submitter.ProposedOrg = calendar.ProposedOrganisation{}
		req.Submitter.Addr = clientNetwork(c)
	} else {
		req.Actor = actorOf(c)
		req.Reconcile = feed.Reconcile
	}
	for _, it := range items {
		req.Drafts = append(req.Drafts, calendar.ImportDraft{Line: it.Line, Event: it.Event})
	}
	done, err := s.Calendar.Import(ctx, req)
	if err != nil {
		var ie *calendar.ImportError
		if errors.As(err, &ie) {
			for _, pr := range ie.Problems {
				p.Problems = append(p.Problems, problemText(loc, pr))
			}
			return fail(http.StatusBadRequest, "import.failed", nil)
		}
		code, msg, fields, ok := s.formProblem(c, err)
		if !ok {
			return err
		}
		p.Error, p.Fields = msg, fields
		return s.renderImport(c, code, p)
	}
	var links []manageLink
	for _, d := range done {
		v := ImportedView{Event: eventView(loc, d.Event, s.viewerZone(c)), Updated: d.Updated}
		if d.Token != "" && public {
			v.Link = s.absURL("/" + string(l) + "/manage/" + d.Token)
			links = append(links, manageLink{Event: d.Event, Token: d.Token})
		}
		switch {
		case d.Updated:
			p.Updated++
		case d.Unchanged:
			p.Unchanged++
		}
		p.Done = append(p.Done, v)
	}
	if len(links) > 0 {
		s.mailManageLinks(ctx, req.Submitter, links)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.renderImport(c, http.StatusOK, p)
}

func withLine(args map[string]any, line int) map[string]any {
	out := map[string]any{"Line": line}
	for k, v := range args {
		out[k] = v
	}
	return out
}

// problemText localizes one refused draft: "Line 12: Title: This field is required."
func problemText(l *i18n.Localizer, p calendar.ImportProblem) string {
	msg := l.T(p.MsgID, "Line", p.Line, "Max", l.Number(calendar.MaxImportEvents))
	if p.Field != "" && p.Field != "uid" {
		msg = l.T("field."+fieldBase(p.Field)) + ": " + msg
	}
	if p.MsgID == "import.error.uid_taken" || p.Line == 0 {
		return msg
	}
	return l.T("import.error.event", "Line", p.Line, "Problem", msg)
}

// importSource returns the uploaded file or the content at rawURL.
func (s *Server) importSource(c echo.Context, rawURL string) ([]byte, error) {
	fh, ferr := c.FormFile("file")
	hasFile := ferr == nil && fh.Size > 0
	if hasFile == (rawURL != "") {
		return nil, apperr.New(apperr.Invalid, "import.error.source")
	}
	if hasFile {
		if fh.Size > maxImportBytes {
			return nil, apperr.New(apperr.Invalid, "import.error.too_large")
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return io.ReadAll(io.LimitReader(f, maxImportBytes))
	}
	return s.fetchCalendar(c.Request().Context(), rawURL)
}

// fetchCalendar gets a calendar over https from a public address. It
// refuses private, loopback and link-local addresses at connection time
// (so a DNS answer cannot smuggle them in), plain http, and bodies over
// maxImportBytes.
func (s *Server) fetchCalendar(ctx context.Context, rawURL string) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || len(rawURL) > 2000 {
		return nil, apperr.New(apperr.Invalid, "import.error.https")
	}
	client := s.ImportClient
	if client == nil {
		client = safeClient()
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "import.error.https")
	}
	req.Header.Set("Accept", "text/calendar")
	res, err := client.Do(req)
	if err != nil {
		if s.Log != nil {
			s.Log.Info("calendar fetch failed", "host", u.Hostname(), "error", err.Error())
		}
		return nil, apperr.New(apperr.Invalid, "import.error.fetch")
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, apperr.New(apperr.Invalid, "import.error.fetch")
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, maxImportBytes+1))
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "import.error.fetch")
	}
	if len(data) > maxImportBytes {
		return nil, apperr.New(apperr.Invalid, "import.error.too_large")
	}
	return data, nil
}

// nonPublicV4 are the IANA special-purpose IPv4 ranges an import must
// never reach: this network, private, shared (carrier-grade NAT, where some
// clouds keep their metadata service), loopback, link-local, IETF protocol
// assignments, documentation, 6to4 relay anycast, benchmarking, multicast,
// reserved and broadcast.
var nonPublicV4 = prefixes("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
	"192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
	"203.0.113.0/24", "224.0.0.0/3")

// globalV6 is the only IPv6 space an import may reach (global unicast,
// RFC 4291), and nonPublicV6 its special ranges: the IETF protocol
// assignments (Teredo 2001::/32, benchmarking, ORCHID and ORCHIDv2, …),
// both documentation prefixes, and 6to4 (deprecated by RFC 7526; its
// relays would carry the connection to whatever IPv4 address it embeds).
// Everything outside 2000::/3 is refused by that alone: unique-local
// fc00::/7, link-local fe80::/10, the deprecated site-local fec0::/10,
// multicast, discard-only 100::/64, local-use NAT64 64:ff9b:1::/48, and the
// IPv4-compatible ::/96 and IPv4-translated ::ffff:0:0:0/96 ranges.
var (
	globalV6    = netip.MustParsePrefix("2000::/3")
	nonPublicV6 = prefixes("2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20")
	// Addresses that carry an IPv4 address in their last 32 bits and reach
	// it: IPv4-compatible (deprecated, but a stack may still route it to
	// IPv4) and the well-known NAT64 prefix (RFC 6052). IPv4-mapped
	// addresses are unmapped first.
	embedsV4 = prefixes("::/96", "64:ff9b::/96")
)

func prefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

func inAny(a netip.Addr, ps []netip.Prefix) bool {
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// publicAddr reports whether a may be connected to: a public IPv4 address
// (or an IPv6 address that embeds one: mapped, compatible, NAT64), or an
// IPv6 global unicast address outside the special ranges. An address with
// a zone is never public.
func publicAddr(a netip.Addr) bool {
	if a.Zone() != "" {
		return false
	}
	a = a.Unmap()
	if a.Is6() && inAny(a, embedsV4) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte(b[12:]))
	}
	if a.Is4() {
		return a.IsGlobalUnicast() && !inAny(a, nonPublicV4)
	}
	return globalV6.Contains(a) && !inAny(a, nonPublicV6)
}

// safeClient is an HTTP client that connects only to public addresses and
// follows redirects only to https.
func safeClient() *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !publicAddr(ap.Addr()) {
			return fmt.Errorf("refusing to connect to %s", address)
		}
		return nil
	}}
	tr := &http.Transport{DialContext: dialer.DialContext, TLSHandshakeTimeout: 10 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second, MaxResponseHeaderBytes: 64 << 10}
	return &http.Client{Transport: tr, Timeout: 15 * time.Second, CheckRedirect: func(r *http.Request, via []*http.Request) error {
		if len(via) >= 3 || r.URL.Scheme != "https" {
			return errors.New("redirect refused")
		}
		return nil
	}}
}
