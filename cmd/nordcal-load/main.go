// SPDX-License-Identifier: AGPL-3.0-or-later

// Command nordcal-load measures nordcal under load on this machine: it
// fills a fresh SQLite database with generated events, starts the real
// server on loopback, and hits it with many concurrent clients. Next to it
// a bare net/http handler serves the same feed bytes from memory, as the
// ceiling. It prints requests per second, p50 and p99 latency, the ratio to
// the ceiling, and the process's memory. Only loopback is ever contacted.
//
//	go run ./cmd/nordcal-load -events 10000 -clients 32 -duration 5s
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	_ "time/tzdata"

	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/holiday"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/web"
	"github.com/nordcal/nordcal/locales"
)

func main() {
	events := flag.Int("events", 10000, "events to generate")
	clients := flag.Int("clients", 32, "concurrent clients")
	duration := flag.Duration("duration", 5*time.Second, "how long each scenario runs (at most 2m)")
	flag.Parse()
	if *duration > 2*time.Minute || *clients < 1 || *clients > 512 || *events < 1 || *events > 200000 {
		fmt.Fprintln(os.Stderr, "nordcal-load: -duration ≤ 2m, 1 ≤ -clients ≤ 512, 1 ≤ -events ≤ 200000")
		os.Exit(2)
	}
	if err := run(*events, *clients, *duration); err != nil {
		fmt.Fprintln(os.Stderr, "nordcal-load:", err)
		os.Exit(1)
	}
}

func run(n, clients int, d time.Duration) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "nordcal-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(ctx, "sqlite:"+filepath.Join(dir, "load.db"), nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	now := time.Now()
	dirSvc := directory.NewService(db)
	cal := calendar.NewService(db, db, "load.example.org", func() time.Time { return now }, calendar.WithHolidays(&holiday.Nordic{}))
	t0 := time.Now()
	if err := fill(ctx, dirSvc, cal, n, now); err != nil {
		return err
	}
	fmt.Printf("filled %d events in %s\n", n, time.Since(t0).Round(time.Millisecond))

	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	base, _ := url.Parse("http://" + ln.Addr().String())
	srv, err := web.New(web.Deps{Calendar: cal, Directory: dirSvc, Bundle: bundle, BaseURL: base, DefaultLang: lang.EN,
		DefaultZone: time.UTC, ContactEmail: "calendar@example.org", Ping: db.Ping,
		Auth: auth.NewService(db, time.Now), Audit: db, Sessions: db.Sessions(),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	go func() { _ = (&http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}).Serve(ln) }()

	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	feedURL := base.String() + "/feeds/events.ics?lang=en"
	body, etag, err := fetch(client, feedURL)
	if err != nil {
		return err
	}
	fmt.Printf("feed: %d bytes gzip, ETag %s\n", len(body), etag)

	// The ceiling: the same bytes and headers from a bare handler.
	cln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() {
		_ = (&http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			_, _ = w.Write(body)
		})}).Serve(cln)
	}()
	ceiling := "http://" + cln.Addr().String() + "/feed.ics"
	month := fmt.Sprintf("%s/en/calendar/%d/%02d", base, now.Year(), now.Month())
	day := now.AddDate(0, 2, 0).Format("2006-01-02")
	clash := fmt.Sprintf("%s/api/v1/clashes?start=%s&end=%s&country=NO&category=conference&topic=labour&lang=en", base, day, day)

	type scenario struct {
		name, url, inm string
		want           int
	}
	results := map[string]result{}
	for _, sc := range []scenario{
		{"ceiling 200 (bare bytes)", ceiling, "", 200},
		{"feed 200", feedURL, "", 200},
		{"ceiling 304 (bare)", ceiling, etag, 304},
		{"feed 304", feedURL, etag, 304},
		{"month page", month, "", 200},
		{"clash API", clash, "", 200},
	} {
		r := load(client, sc.url, sc.inm, sc.want, clients, d)
		results[sc.name] = r
		fmt.Printf("%-26s %8.0f req/s  p50 %8s  p99 %8s  errors %d\n", sc.name, r.rps, r.p50, r.p99, r.errors)
	}
	fmt.Printf("\nfeed 200 / ceiling: %5.1f %%   (target ≥ 90 %%)\n", 100*results["feed 200"].rps/results["ceiling 200 (bare bytes)"].rps)
	fmt.Printf("feed 304 / ceiling: %5.1f %%   (target ≥ 95 %%)\n", 100*results["feed 304"].rps/results["ceiling 304 (bare)"].rps)
	fmt.Printf("clash API p50: %s   (target < 1 ms at 100,000 events)\n", results["clash API"].p50)
	rss, hwm := memory()
	fmt.Printf("memory (server and clients share this process): RSS %s, peak %s\n", rss, hwm)
	return nil
}

func fill(ctx context.Context, dir *directory.Service, cal *calendar.Service, n int, now time.Time) error {
	org := directory.Organisation{Slug: "load-org", OriginalLang: lang.EN, Country: "NO", Type: directory.Ministry,
		Names: lang.Texts{lang.EN: "Load test ministry"}}
	if err := dir.CreateOrganisation(ctx, &org); err != nil {
		return err
	}
	zones := []string{"Europe/Helsinki", "Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen"}
	// A year at most 30 events a day: 100,000 events spread over nine years.
	days := max(365, n/30)
	for i := 0; i < n; i++ {
		start := now.Add(time.Duration(i%days)*24*time.Hour + time.Duration(i%9+8)*time.Hour).Truncate(time.Hour)
		e := calendar.Event{Status: calendar.Published, OriginalLang: lang.EN,
			Texts: map[lang.Code]calendar.Text{lang.EN: {Title: fmt.Sprintf("Generated meeting %d", i), Description: "Agenda."}},
			Start: start, End: start.Add(2 * time.Hour), Zone: zones[i%len(zones)], City: "Oslo", Country: "NO",
			Attendance: calendar.OnSite, Category: calendar.Categories[i%len(calendar.Categories)], Audience: calendar.Open,
			Organisers: []directory.Organisation{org}}
		if err := cal.Create(ctx, &e); err != nil {
			return err
		}
	}
	return nil
}

func fetch(c *http.Client, u string) ([]byte, string, error) {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := c.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return b, res.Header.Get("ETag"), err
}

type result struct {
	rps      float64
	p50, p99 time.Duration
	errors   int
}

// load runs clients loops against u for d and collects latencies.
func load(c *http.Client, u, inm string, want, clients int, d time.Duration) result {
	var mu sync.Mutex
	var lat []time.Duration
	errs := 0
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			for time.Now().Before(deadline) {
				req, _ := http.NewRequest(http.MethodGet, u, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				if inm != "" {
					req.Header.Set("If-None-Match", inm)
				}
				t := time.Now()
				res, err := c.Do(req)
				if err != nil {
					bad++
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != want {
					bad++
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(lat) == 0 {
		return result{errors: errs}
	}
	slices.Sort(lat)
	return result{rps: float64(len(lat)) / d.Seconds(), p50: lat[len(lat)/2].Round(time.Microsecond),
		p99: lat[len(lat)*99/100].Round(time.Microsecond), errors: errs}
}

// memory reads the resident and peak resident size from /proc (Linux).
func memory() (rss, peak string) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "n/a", "n/a"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			rss = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			peak = strings.TrimSpace(v)
		}
	}
	return rss, peak
}
