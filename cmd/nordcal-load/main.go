// SPDX-License-Identifier: AGPL-3.0-or-later

// Command nordcal-load measures nordcal under load on this machine: it
// fills a fresh SQLite database with generated events, builds the real
// server from ./cmd/nordcal and starts it as a separate process on loopback,
// and hits it with many concurrent clients from this process. Next to it a
// second process, a bare net/http handler serving the same feed bytes from
// memory, is the ceiling; both are measured the same way. It prints
// requests per second, p50 and p99 latency, the ratio to the ceiling, and
// the server process's memory after the load. Only loopback is ever
// contacted. Run it from the repository root:
//
//	go run ./cmd/nordcal-load -events 10000 -clients 32 -duration 5s
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "time/tzdata" // the generated events use Nordic zones
)

func main() {
	// The ceiling child: this same binary, re-executed by run.
	if len(os.Args) > 1 && os.Args[1] == "-"+ceilingFlag {
		if err := serveCeiling(os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "nordcal-load ceiling:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "-"+bareFlag {
		if len(os.Args) != 3 {
			fmt.Fprintln(os.Stderr, "nordcal-load bare: want one manifest")
			os.Exit(2)
		}
		if err := serveBare(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "nordcal-load bare:", err)
			os.Exit(1)
		}
		return
	}
	events := flag.Int("events", 10000, "events to generate")
	clients := flag.Int("clients", 32, "concurrent clients")
	duration := flag.Duration("duration", 5*time.Second, "how long each scenario runs (at most 2m)")
	rounds := flag.Int("rounds", 3, "turns feed and ceiling take within -duration")
	useWrk := flag.Bool("wrk", false, "measure with wrk against nordcal, a bare Go handler and nginx (apt-get install wrk nginx) instead of this tool's own client")
	wrkConns := flag.String("wrk-conns", "1,8,32", "with -wrk: the connection counts, comma-separated")
	wrkDuration := flag.Duration("wrk-duration", 3*time.Second, "with -wrk: how long each wrk run lasts")
	coldOnly := flag.Bool("cold-only", false, "only time the cold feed through the server (and its memory), no load")
	flag.Parse()
	var conns []int
	for _, v := range strings.Split(*wrkConns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 || n > 512 {
			fmt.Fprintln(os.Stderr, "nordcal-load: -wrk-conns is a list of numbers from 1 to 512")
			os.Exit(2)
		}
		conns = append(conns, n)
	}
	if *wrkDuration < time.Second || *wrkDuration > time.Minute {
		fmt.Fprintln(os.Stderr, "nordcal-load: 1s ≤ -wrk-duration ≤ 1m")
		os.Exit(2)
	}
	var wrk *wrkOptions
	if *useWrk {
		wrk = &wrkOptions{conns: conns, d: *wrkDuration}
	}
	if *duration > 2*time.Minute || *duration <= 0 || *clients < 1 || *clients > 512 || *events < 1 || *events > 200000 || *rounds < 1 || *rounds > 20 {
		fmt.Fprintln(os.Stderr, "nordcal-load: 0 < -duration ≤ 2m, 1 ≤ -clients ≤ 512, 1 ≤ -events ≤ 200000, 1 ≤ -rounds ≤ 20")
		os.Exit(2)
	}
	// Ctrl-C cancels ctx; run then stops its child processes on the way out.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, *events, *clients, *rounds, *duration, wrk, *coldOnly)
	interrupted := ctx.Err() != nil
	stop()
	if interrupted {
		fmt.Fprintln(os.Stderr, "nordcal-load: interrupted")
		os.Exit(130)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "nordcal-load:", err)
		os.Exit(1)
	}
}

// wrkOptions are the settings of the -wrk mode.
type wrkOptions struct {
	conns []int
	d     time.Duration
}

func run(ctx context.Context, n, clients, rounds int, d time.Duration, wrk *wrkOptions, coldOnly bool) error {
	if err := checkRepoRoot(); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "nordcal-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir) // deferred first, so it runs after the children are stopped

	t0 := time.Now()
	bin, err := buildServer(ctx, dir)
	if err != nil {
		return err
	}
	fmt.Printf("built ./cmd/nordcal in %s\n", time.Since(t0).Round(time.Millisecond))

	dbPath := filepath.Join(dir, "load.db")
	now := time.Now()
	t0 = time.Now()
	if err := fillDatabase(ctx, dbPath, n, now); err != nil {
		return err
	}
	fmt.Printf("filled %d events in %s\n", n, time.Since(t0).Round(time.Millisecond))

	srv, base, err := startServer(ctx, bin, dir, dbPath)
	if err != nil {
		return err
	}
	defer srv.stop()

	if err := measureColdFeed(ctx, dbPath, base, now, 5); err != nil {
		return err
	}
	if coldOnly {
		mem, err := readMemory(srv.pid())
		if err != nil {
			return fmt.Errorf("server memory: %w", err)
		}
		fmt.Printf("server memory: RSS %s, peak %s\n", mem.rss, mem.peak)
		return srv.stop()
	}
	if wrk != nil {
		if err := runWrk(ctx, dir, base, wrk.conns, rounds, wrk.d, srv); err != nil {
			return err
		}
		mem, err := readMemory(srv.pid())
		if err != nil {
			return fmt.Errorf("server memory: %w", err)
		}
		fmt.Printf("\nserver memory after the load: RSS %s, peak %s (target RSS < 50 MB)\n", mem.rss, mem.peak)
		return srv.stop()
	}
	client := &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	feedURL := base + "/feeds/events.ics?lang=en"
	feed, err := fetch(ctx, client, feedURL)
	if err != nil {
		return err
	}
	fmt.Printf("feed: %d bytes gzip, ETag %s\n", len(feed.body), feed.etag)

	// The ceiling: the same bytes and headers from a bare handler in its own process.
	ceil, ceilAddr, err := startCeiling(dir, feed)
	if err != nil {
		return err
	}
	defer ceil.stop()
	ceiling := "http://" + ceilAddr + "/feed.ics"
	if err := checkCeiling(ctx, client, ceiling, feed); err != nil {
		return errors.Join(err, ceil.failure())
	}

	month := fmt.Sprintf("%s/en/calendar/%d/%02d", base, now.Year(), now.Month())
	list := base + "/en/events"
	day := now.AddDate(0, 2, 0).Format("2006-01-02")
	clash := fmt.Sprintf("%s/api/v1/clashes?start=%s&end=%s&country=NO&category=conference&topic=labour&lang=en", base, day, day)

	type scenario struct {
		name, url, inm string
		want           int
	}
	measure := func(sc scenario, d time.Duration) (result, error) {
		r, err := load(ctx, client, sc.url, sc.inm, sc.want, clients, d)
		if err != nil {
			return r, err
		}
		fmt.Printf("%-26s %8.0f req/s  p50 %8s  p99 %8s  errors %d\n", sc.name, r.rps, r.p50, r.p99, r.errors)
		if srv.exited() {
			return r, srv.failure()
		}
		return r, nil
	}
	// Feed and ceiling take turns, in rounds, so that whatever else the
	// machine is doing weighs on both alike; the ratio is the median round's.
	for _, pair := range [][2]scenario{
		{{"ceiling 200 (bare bytes)", ceiling, "", 200}, {"feed 200", feedURL, "", 200}},
		{{"ceiling 304 (bare)", ceiling, feed.etag, 304}, {"feed 304", feedURL, feed.etag, 304}},
	} {
		var ratios []float64
		for range rounds {
			c, err := measure(pair[0], d/time.Duration(rounds))
			if err != nil {
				return err
			}
			f, err := measure(pair[1], d/time.Duration(rounds))
			if err != nil {
				return err
			}
			ratios = append(ratios, 100*f.rps/max(c.rps, 1))
		}
		slices.Sort(ratios)
		target := map[int]string{200: "≥ 90 %", 304: "≥ 95 %"}[pair[1].want]
		fmt.Printf("%s / ceiling: %5.1f %% (median of %d rounds %.1f; target %s)\n\n", pair[1].name,
			ratios[len(ratios)/2], rounds, ratios, target)
	}
	for _, sc := range []scenario{
		{"month page", month, "", 200},
		{"list page", list, "", 200},
		{"clash API", clash, "", 200},
	} {
		if _, err := measure(sc, d); err != nil {
			return err
		}
	}
	fmt.Printf("(the clash API here runs against %d events under %d clients; the < 1 ms target is for one check\n"+
		"at 100,000 events: go test ./internal/web -run '^$' -bench BenchmarkClashCheck100000 -benchtime 1000x)\n", n, clients)

	mem, err := readMemory(srv.pid())
	if err != nil {
		return fmt.Errorf("server memory: %w", err)
	}
	fmt.Printf("\nserver memory after the load: RSS %s, peak %s (target RSS < 50 MB)\n", mem.rss, mem.peak)
	if self, err := readMemory(os.Getpid()); err == nil {
		fmt.Printf("load process (clients), for information: RSS %s, peak %s\n", self.rss, self.peak)
	}

	if err := ceil.stop(); err != nil {
		return err
	}
	return srv.stop()
}

// freeAddr returns a loopback address whose port was free a moment ago,
// for a child that can only be told an address, not handed a listener.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
