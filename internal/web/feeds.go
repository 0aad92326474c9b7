// SPDX-License-Identifier: AGPL-3.0-or-later

package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/feed"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
)

const (
	calendarType = "text/calendar; charset=utf-8"
	// Feeds are polled constantly; a quarter of an hour lets proxies help.
	feedCacheControl = "public, max-age=900"
)

// responseLang is the one rule for the language of feeds and API answers:
// ?lang= (fi, sv, da, no, en; nb, nn and nb-NO mean no), otherwise the
// configured default language (-default-lang). They never follow
// Accept-Language or the language cookie: calendar servers send none or
// their own, and one URL must give every client the same bytes (ETags,
// caches).
func (s *Server) responseLang(c echo.Context) (*i18n.Localizer, error) {
	code, err := langParam(c, s.DefaultLang)
	if err != nil {
		return nil, err
	}
	return s.Bundle.For(code), nil
}

// langParam is the language chosen with ?lang= (nb, nn and nb-NO mean no),
// def when none is given; an unknown one is a field error.
func langParam(c echo.Context, def lang.Code) (lang.Code, error) {
	v := c.QueryParam("lang")
	if v == "" {
		return def, nil
	}
	code, _, ok := lang.Resolve(v)
	if !ok {
		return "", apperrInvalidField("lang", "filter.unknown_value")
	}
	return code, nil
}

// langOptions offers the five languages, each named in itself, with
// selected chosen.
func langOptions(l *i18n.Localizer, selected lang.Code) []Option {
	out := make([]Option, 0, len(lang.All))
	for _, code := range lang.All {
		out = append(out, Option{Value: string(code), Label: l.T("language.native." + string(code)), Lang: code, Selected: code == selected})
	}
	return out
}

// feedPath is the public feed URL path for f in language l.
func feedPath(f calendar.Filter, l lang.Code) string {
	q := f.Values()
	q.Set("lang", string(l))
	return "/feeds/events.ics?" + q.Encode()
}

func (s *Server) feedEvents(c echo.Context) error {
	return s.serveFeed(c, "ics", calendarType, "nordcal.ics", s.Calendar.CalendarFeed, func(fc feedContext) ([]byte, error) {
		var buf bytes.Buffer
		desc := fc.l.T("feed.description")
		if fc.total > fc.shown {
			// A feed never drops events without saying so.
			desc += " " + fc.l.T("feed.capped", "Shown", fc.l.Number(fc.shown), "Total", fc.l.Number(fc.total))
		}
		err := feed.Write(&buf, s.feedCalendar(fc.l, fc.name, desc, fc.pageURL), fc.events)
		return buf.Bytes(), err
	})
}

// feedContext is what every format of the subscription feed is made of.
type feedContext struct {
	l       *i18n.Localizer
	filter  calendar.Filter
	events  []calendar.Event
	shown   int    // events (a series once) in the feed
	total   int    // events matching, more than shown over calendar.MaxFeedEvents
	name    string // the feed's title, with the filter in words
	pageURL string // the event list with the same filter
	version calendar.DataVersion
}

// feedLoader lists a feed's events: those written, how many of the events
// and series matching the filter that is, and how many match.
type feedLoader func(ctx context.Context, f calendar.Filter) (events []calendar.Event, shown, total int, err error)

// serveFeed answers a subscription feed in one format (iCal, Atom): the
// filter and language parsed once for all of them, the rendered body
// cached per filter, language and data version, with ETags, 304s and gzip.
// load is the calendar's list of the feed's events.
//
// Entries are keyed by the canonical query, the one feedPath writes and
// the subscribe page hands out, which is what calendar clients poll. A
// request whose query string is that canonical query is looked up by it
// as it comes, before anything is parsed: the entry was made from the
// same query under the same data version, so there is nothing to check.
// Other spellings (parameters in another order, nb for no) are parsed and
// checked and find the same entry; they are not remembered under their
// own spelling, so that made-up queries cannot crowd real feeds out of
// the cache.
func (s *Server) serveFeed(c echo.Context, format, contentType, filename string, load feedLoader, build func(feedContext) ([]byte, error)) error {
	ctx := c.Request().Context()
	ver, err := s.Calendar.FeedVersion(ctx)
	if err != nil {
		return err
	}
	ah := feedHeaders(format, contentType, filename)
	verKey := ver.Key()
	asked := format + "|" + c.Request().URL.RawQuery + "|" + verKey
	if r, ok := s.feeds.get(asked); ok {
		return ah.serve(c, r)
	}
	f, l, err := s.filterAndLang(c)
	if err != nil {
		return err
	}
	q := f.Values()
	q.Set("lang", string(l.Lang))
	key := format + "|" + q.Encode() + "|" + verKey
	r, finish, err := s.feeds.lookup(ctx, &s.feedRenders, key)
	if err != nil {
		return err
	}
	if r != nil {
		return ah.serve(c, r)
	}
	defer finish()
	evs, shown, total, err := load(ctx, f)
	if err != nil {
		return err
	}
	name := l.T("feed.name_all")
	if !f.IsZero() {
		opts, err := s.filterOptions(c, l, f)
		if err != nil {
			return err
		}
		name = l.T("feed.name_filtered", "Filter", filterDescription(l, f, opts))
	}
	pageURL := s.abs(withQuery("/"+string(l.Lang)+"/events", f.Values()))
	body, err := build(feedContext{l: l, filter: f, events: evs, shown: shown, total: total, name: name, pageURL: pageURL, version: ver})
	if err != nil {
		return apperr.Wrap(err)
	}
	r, err = prepare(body, ver.Modified)
	if err != nil {
		return apperr.Wrap(err)
	}
	s.feeds.put(key, r)
	return ah.serve(c, r)
}

// feedAnswerHeaders are the fixed headers of one feed format.
type feedAnswerHeaders struct {
	answerHeaders
	disposition []string
}

// serve answers with r; only a feed is a named file, not an error page.
func (ah *feedAnswerHeaders) serve(c echo.Context, r *rendered) error {
	c.Response().Header()["Content-Disposition"] = ah.disposition
	return serveWith(c, r, ah.answerHeaders)
}

// feedHeaderSets holds the headers of each format, made at first use;
// there are two formats.
var feedHeaderSets sync.Map // format -> *feedAnswerHeaders

func feedHeaders(format, contentType, filename string) *feedAnswerHeaders {
	if v, ok := feedHeaderSets.Load(format); ok {
		return v.(*feedAnswerHeaders)
	}
	ah := &feedAnswerHeaders{answerHeaders: newAnswerHeaders(contentType, feedCacheControl),
		disposition: []string{`inline; filename="` + filename + `"`}[:1:1]}
	v, _ := feedHeaderSets.LoadOrStore(format, ah)
	return v.(*feedAnswerHeaders)
}

func (s *Server) eventICS(c echo.Context) error {
	file := c.Param("file")
	idText, ok := strings.CutSuffix(file, ".ics")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 {
		return errNotFound
	}
	l, err := s.responseLang(c)
	if err != nil {
		return err
	}
	// A series' file holds the series with its overrides, whichever of
	// its dates was asked for.
	evs, e, err := s.Calendar.EventCalendar(c.Request().Context(), id)
	if err != nil {
		return err
	}
	modified := e.UpdatedAt
	for _, x := range evs {
		if x.UpdatedAt.After(modified) {
			modified = x.UpdatedAt
		}
	}
	title, _ := e.Title(l.Lang)
	cal := s.feedCalendar(l, title, "", s.abs(eventPath(l.Lang, e.ID)))
	return s.writeCalendar(c, cal, evs, modified, fmt.Sprintf("nordcal-%d.ics", e.ID))
}

// writeCalendar serialises evs and serves them with caching headers;
// modified is the Last-Modified time.
func (s *Server) writeCalendar(c echo.Context, cal feed.Calendar, evs []calendar.Event, modified time.Time, filename string) error {
	var buf bytes.Buffer
	if err := feed.Write(&buf, cal, evs); err != nil {
		return apperr.Wrap(err)
	}
	c.Response().Header().Set("Content-Disposition", `inline; filename="`+filename+`"`)
	return serveBytes(c, buf.Bytes(), modified, calendarType, feedCacheControl)
}

// abs makes a site path absolute with the configured base URL.
func (s *Server) abs(path string) string { return strings.TrimRight(s.BaseURL.String(), "/") + path }

func (s *Server) feedCalendar(l *i18n.Localizer, name, desc, pageURL string) feed.Calendar {
	return feed.Calendar{
		Name: name, Description: desc, URL: pageURL, Lang: l.Lang, Zone: s.DefaultZone.String(),
		// A date of a series links to the series' page: the IDs of
		// its dates are not stable.
		EventURL: func(e calendar.Event) string { return s.abs(eventPath(l.Lang, e.PageID())) },
		OrganisationURL: func(o directory.Organisation) string {
			return s.abs("/" + string(l.Lang) + "/directory/organisations/" + o.Slug)
		},
		OrganizerEmail: s.ContactEmail,
		Strings:        feedStrings(l),
	}
}

// feedStrings are the words of l's feeds.
func feedStrings(l *i18n.Localizer) feed.Strings {
	return feed.LocalizedStrings(func(id string) string { return l.T(id) }, l.Date)
}

// feedRecogniser knows the words of the feeds of every language: a file
// does not say which language's feed it came from.
func (s *Server) feedRecogniser() *feed.Recogniser { return FeedRecogniser(s.Bundle) }

// FeedRecogniser recognises the text our feeds write in every language, for
// reading a feed of ours back (the import, the partner calendars' sync).
func FeedRecogniser(b *i18n.Bundle) *feed.Recogniser {
	all := make([]feed.Strings, 0, len(lang.All))
	for _, l := range lang.All {
		all = append(all, feedStrings(b.For(l)))
	}
	return feed.NewRecogniser(all...)
}

// filterAndLang parses the filter and the "lang" parameter shared by the
// feed and the JSON API.
func (s *Server) filterAndLang(c echo.Context) (calendar.Filter, *i18n.Localizer, error) {
	f, err := filterFrom(c)
	if err != nil {
		return calendar.Filter{}, nil, err
	}
	l, err := s.responseLang(c)
	if err != nil {
		return calendar.Filter{}, nil, err
	}
	return f, l, nil
}

// filterDescription says in words what f selects: "Finland, Conference".
func filterDescription(l *i18n.Localizer, f calendar.Filter, opts filterOptions) string {
	var parts []string
	for _, ch := range chips(l, "", f, opts) {
		parts = append(parts, ch.Value)
	}
	return strings.Join(parts, ", ")
}

// Client is one calendar program's subscription instructions.
type Client struct {
	Name  string
	Steps []string
}

type subscribePage struct {
	Page
	Options   filterOptions
	FeedLangs []Option
	HTTPSURL  string
	WebcalURL string
	FeedName  string
	Buttons   []SubscribeButton
	Describe  string
	Count     int // events matching the feed; over MaxEvents the page says what the feed keeps
	MaxEvents int
	// EmbedURL is "Show these events on your site" with the same filters.
	EmbedURL string
	// EmailURL offers the same events by e-mail ("" without subscriptions).
	EmailURL string
	Clients  []Client
	Builder  feedBuilder
}

func (s *Server) subscribe(c echo.Context) error {
	f, err := filterFrom(c)
	if err != nil {
		return err
	}
	l := s.Bundle.For(langOf(c))
	feedLang, err := langParam(c, l.Lang)
	if err != nil {
		return err
	}
	count, err := s.Calendar.FeedCount(c.Request().Context(), f)
	if err != nil {
		return err
	}
	opts, err := s.filterOptions(c, l, f)
	if err != nil {
		return err
	}
	p := subscribePage{Page: s.page(c, "subscribe.title"), Options: opts, Count: count, MaxEvents: calendar.MaxFeedEvents}
	p.Nav = "subscribe"
	p.EmbedURL = withQuery("/"+string(l.Lang)+"/subscribe/embed", f.Values())
	p.FeedLangs = langOptions(l, feedLang)
	p.HTTPSURL = s.abs(feedPath(f, feedLang))
	p.WebcalURL = "webcal://" + strings.TrimPrefix(strings.TrimPrefix(p.HTTPSURL, "https://"), "http://")
	p.Describe = filterDescription(l, f, opts)
	p.FeedName = l.T("feed.name_all")
	if p.Describe != "" {
		p.FeedName = l.T("feed.name_filtered", "Filter", p.Describe)
	}
	p.Buttons = subscribeButtons(l, p.HTTPSURL, p.WebcalURL, p.FeedName)
	p.Builder = newFeedBuilder(l, "/"+string(l.Lang)+"/subscribe", f, opts, p.FeedLangs)
	if s.Subscriptions != nil {
		p.EmailURL = "/" + string(l.Lang) + "/subscribe/email"
		if q := f.Values().Encode(); q != "" {
			p.EmailURL += "?" + q
		}
	}
	for _, client := range []string{"outlook", "google", "apple", "thunderbird"} {
		cl := Client{Name: l.T("subscribe." + client + ".name")}
		for i := 1; ; i++ {
			id := fmt.Sprintf("subscribe.%s.step%d", client, i)
			if !s.Bundle.Has(id) {
				break
			}
			cl.Steps = append(cl.Steps, l.T(id))
		}
		p.Clients = append(p.Clients, cl)
	}
	return s.render(c, http.StatusOK, "subscribe.html", p)
}
