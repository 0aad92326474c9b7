// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The -wrk mode measures with an independent client, Debian's wrk, so that
// the client does not share the measured process's budget: nordcal, a
// bare net/http handler serving the same bytes with the same headers, and
// nginx serving the same files (precompressed, gzip_static) take turns in
// interleaved rounds at each number of connections, and the ratios are the
// median round's. The machine's other load then weighs on all three alike.

// target is one answer measured: what nordcal sends, copied to the bare
// handler and nginx.
type target struct {
	name string
	// path on nordcal; file is the name the bare handler and nginx serve
	// it under.
	path, file string
	gzip       bool
	// conditional asks with the ETag each server gave, for a 304.
	conditional bool
}

var wrkTargets = []target{
	{name: "feed 200 gzip", path: "/feeds/events.ics?lang=en", file: "feed.ics", gzip: true},
	{name: "feed 200 identity", path: "/feeds/events.ics?lang=en", file: "feed.ics"},
	{name: "feed 304", path: "/feeds/events.ics?lang=en", file: "feed.ics", gzip: true, conditional: true},
	{name: "month page (cache)", file: "month.html", gzip: true},
	{name: "list page (cache)", path: "/en/events", file: "list.html", gzip: true},
}

// bareEntry is one answer of the bare handler: the headers and the file
// of the body.
type bareEntry struct {
	Header http.Header `json:"header"`
	Body   string      `json:"body"`
}

// bareFlag, as the first argument, turns this binary into the bare
// handler of the -wrk mode.
const bareFlag = "bare-serve"

// captured is what nordcal answered for a target.
type captured struct {
	header http.Header
	body   []byte
}

func capture(ctx context.Context, c *http.Client, u string, gzip bool) (captured, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return captured{}, err
	}
	if gzip {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	res, err := c.Do(req)
	if err != nil {
		return captured{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		return captured{}, errors.Join(err, fmt.Errorf("GET %s: %s", u, res.Status))
	}
	return captured{header: res.Header, body: b}, nil
}

// runWrk is the -wrk mode, on a filled database and a running server at
// base.
func runWrk(ctx context.Context, dir, base string, conns []int, rounds int, d time.Duration, srv *child) error {
	wrk, err := exec.LookPath("wrk")
	if err != nil {
		return errors.New("-wrk needs wrk (Debian: apt-get install wrk); without it, leave -wrk off to use this tool's own client")
	}
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		if _, e := os.Stat("/usr/sbin/nginx"); e != nil {
			return errors.New("-wrk needs nginx (Debian: apt-get install nginx)")
		}
		nginx = "/usr/sbin/nginx"
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableCompression: true}}
	now := time.Now()
	month := fmt.Sprintf("/en/calendar/%d/%02d", now.Year(), now.Month())
	files := filepath.Join(dir, "www")
	if err := os.MkdirAll(files, 0o755); err != nil {
		return err
	}
	// The directories nginx's workers (nobody, when run by root) read.
	for _, p := range []string{dir, files} {
		if err := os.Chmod(p, 0o755); err != nil {
			return err
		}
	}
	manifest := map[string]bareEntry{}
	for i := range wrkTargets {
		t := &wrkTargets[i]
		if t.path == "" {
			t.path = month
		}
		got, err := capture(ctx, client, base+t.path, t.gzip)
		if err != nil {
			return err
		}
		name := t.file
		if t.gzip {
			name += ".gz"
		}
		if err := os.WriteFile(filepath.Join(files, name), got.body, 0o644); err != nil {
			return err
		}
		h := got.header.Clone()
		h.Del("Date")
		manifest["/"+name] = bareEntry{Header: h, Body: filepath.Join(files, name)}
	}
	// nginx's gzip_static wants the identity file next to the .gz one.
	for _, f := range []string{"month.html", "list.html"} {
		got, err := capture(ctx, client, base+map[string]string{"month.html": month, "list.html": "/en/events"}[f], false)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(files, f), got.body, 0o644); err != nil {
			return err
		}
	}
	mf := filepath.Join(dir, "bare.json")
	if b, err := json.Marshal(manifest); err != nil {
		return err
	} else if err := os.WriteFile(mf, b, 0o600); err != nil {
		return err
	}
	bare, bareAddr, err := startBare(dir, mf)
	if err != nil {
		return err
	}
	defer bare.stop()
	ng, ngAddr, err := startNginx(dir, files, nginx, manifest["/feed.ics.gz"].Header)
	if err != nil {
		return err
	}
	defer ng.stop()
	if err := waitHealthy(ctx, bare, "http://"+bareAddr+"/feed.ics.gz"); err != nil {
		return err
	}
	if err := waitHealthy(ctx, ng, "http://"+ngAddr+"/feed.ics"); err != nil {
		return err
	}

	type server struct{ name, base string }
	servers := []server{{"nordcal", base}, {"bare Go", "http://" + bareAddr}, {"nginx", "http://" + ngAddr}}
	// url and headers of target t on server s.
	request := func(s server, t target) (string, []string, error) {
		u := s.base + t.path
		if s.name != "nordcal" {
			u = s.base + "/" + t.file
			if s.name == "bare Go" && t.gzip {
				u += ".gz"
			}
		}
		var hdr []string
		if t.gzip {
			hdr = append(hdr, "Accept-Encoding: gzip")
		}
		if t.conditional {
			got, err := capture(ctx, client, u, t.gzip)
			if err != nil {
				return "", nil, err
			}
			hdr = append(hdr, "If-None-Match: "+got.header.Get("ETag"))
		}
		return u, hdr, nil
	}
	fmt.Printf("\nwrk, %s per run, %d interleaved rounds; requests/s of each server, ratio of the median round\n\n", d, rounds)
	type row struct {
		name          string
		vsBare, vsNgx []string
	}
	var rows []row
	for _, t := range wrkTargets {
		r := row{name: t.name}
		for _, c := range conns {
			var bareRatios, ngxRatios []float64
			for round := range rounds {
				rps := map[string]float64{}
				// Each round starts with another server, so that none is
				// always first after a pause.
				for k := range servers {
					s := servers[(k+round)%len(servers)]
					u, hdr, err := request(s, t)
					if err != nil {
						return err
					}
					n, err := runWrkOnce(ctx, wrk, u, hdr, c, d)
					if err != nil {
						return fmt.Errorf("%s, %s: %w", s.name, t.name, err)
					}
					rps[s.name] = n
					if srv.exited() {
						return srv.failure()
					}
				}
				bareRatios = append(bareRatios, 100*rps["nordcal"]/max(rps["bare Go"], 1))
				ngxRatios = append(ngxRatios, 100*rps["nordcal"]/max(rps["nginx"], 1))
				fmt.Printf("%-20s %2d conns round %d: nordcal %8.0f  bare Go %8.0f  nginx %8.0f req/s\n",
					t.name, c, round+1, rps["nordcal"], rps["bare Go"], rps["nginx"])
			}
			r.vsBare = append(r.vsBare, fmt.Sprintf("%.0f %%", median(bareRatios)))
			r.vsNgx = append(r.vsNgx, fmt.Sprintf("%.0f %%", median(ngxRatios)))
		}
		rows = append(rows, r)
	}
	fmt.Printf("\n| same bytes, wrk |")
	for _, c := range conns {
		fmt.Printf(" %d conn%s |", c, map[bool]string{true: "", false: "s"}[c == 1])
	}
	fmt.Printf("\n|---|%s\n", strings.Repeat("---|", len(conns)))
	for _, r := range rows {
		fmt.Printf("| %s: nordcal / bare Go handler | %s |\n", r.name, strings.Join(r.vsBare, " | "))
		fmt.Printf("| %s: nordcal / nginx | %s |\n", r.name, strings.Join(r.vsNgx, " | "))
	}
	return nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

var (
	wrkRate         = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkSocketErrors = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
)

// wrkTimeout is how long wrk waits for one answer; a feed of megabytes to
// 32 connections on a busy machine can take over wrk's default 2 s.
const wrkTimeout = "10s"

// runWrkOnce runs wrk against u and returns its requests per second; a
// run with socket errors or non-2xx/3xx answers is an error.
func runWrkOnce(ctx context.Context, wrk, u string, hdr []string, conns int, d time.Duration) (float64, error) {
	threads := min(conns, 2)
	args := []string{"-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns), "-d", fmt.Sprintf("%.0fs", d.Seconds()), "--timeout", wrkTimeout}
	for _, h := range hdr {
		args = append(args, "-H", h)
	}
	out, err := exec.CommandContext(ctx, wrk, append(args, u)...).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("wrk %s: %w\n%s", u, err, out)
	}
	// A slow answer (over wrk's timeout) is counted by wrk and reported
	// here; a refused, broken or wrong answer fails the run.
	if strings.Contains(string(out), "Non-2xx or 3xx responses") {
		return 0, fmt.Errorf("wrk %s: errors\n%s", u, out)
	}
	if m := wrkSocketErrors.FindSubmatch(out); m != nil {
		if string(m[1]) != "0" || string(m[2]) != "0" || string(m[3]) != "0" {
			return 0, fmt.Errorf("wrk %s: socket errors\n%s", u, out)
		}
		fmt.Printf("    (%s of the answers took longer than wrk's %s timeout)\n", m[4], wrkTimeout)
	}
	m := wrkRate.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("wrk %s: no rate in\n%s", u, out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}

// startBare runs this binary as the bare handler over the manifest, on an
// inherited loopback listener.
func startBare(dir, manifest string) (*child, string, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, "", err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	defer ln.Close()
	lf, err := ln.(*net.TCPListener).File()
	if err != nil {
		return nil, "", err
	}
	defer lf.Close()
	cmd := exec.Command(self, "-"+bareFlag, manifest)
	cmd.ExtraFiles = []*os.File{lf}
	c, err := startChild("bare handler", cmd, filepath.Join(dir, "bare.log"))
	if err != nil {
		return nil, "", err
	}
	return c, ln.Addr().String(), nil
}

// serveBare is the bare handler's main: each manifest path answered with
// its headers and bytes, 304 when If-None-Match is its ETag.
func serveBare(manifest string) error {
	b, err := os.ReadFile(manifest)
	if err != nil {
		return err
	}
	var m map[string]bareEntry
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	bodies := map[string][]byte{}
	for p, e := range m {
		if bodies[p], err = os.ReadFile(e.Body); err != nil {
			return err
		}
	}
	ln, err := net.FileListener(os.NewFile(3, "listener"))
	if err != nil {
		return fmt.Errorf("inherited listener: %w", err)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e, ok := m[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		for k, v := range e.Header {
			w.Header()[k] = v
		}
		if r.Header.Get("If-None-Match") == e.Header.Get("Etag") {
			w.Header().Del("Content-Type")
			w.Header().Del("Content-Encoding")
			w.Header().Del("Content-Length")
			w.Header().Del("Last-Modified")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = w.Write(bodies[r.URL.Path])
	})
	return serveUntilSignal(&http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: h}, ln)
}

// startNginx runs nginx in the foreground on a free loopback port,
// serving files with gzip_static and the headers nordcal adds (security
// headers, Cache-Control, Content-Disposition) added.
func startNginx(dir, files, bin string, feedHeader http.Header) (*child, string, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, "", err
	}
	var add strings.Builder
	for _, k := range []string{"Cache-Control", "Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options", "Vary"} {
		if v := feedHeader.Get(k); v != "" && k != "Vary" {
			fmt.Fprintf(&add, "        add_header %s %q;\n", k, v)
		}
	}
	conf := fmt.Sprintf(`daemon off;
worker_processes auto;
pid %[1]s/nginx.pid;
error_log %[1]s/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log %[1]s/nginx-access.log combined buffer=64k flush=1s;
    client_body_temp_path %[1]s/nginx-body;
    proxy_temp_path %[1]s/nginx-proxy;
    fastcgi_temp_path %[1]s/nginx-fastcgi;
    uwsgi_temp_path %[1]s/nginx-uwsgi;
    scgi_temp_path %[1]s/nginx-scgi;
    types { text/calendar ics; text/html html; }
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    server {
        listen %[2]s;
        root %[3]s;
        gzip_static on;
        gzip_vary on;
        etag on;
%[4]s    }
}
`, dir, addr, files, add.String())
	cf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(cf, []byte(conf), 0o644); err != nil {
		return nil, "", err
	}
	cmd := exec.Command(bin, "-c", cf, "-p", dir, "-e", filepath.Join(dir, "nginx-error.log"))
	c, err := startChild("nginx", cmd, filepath.Join(dir, "nginx.log"))
	if err != nil {
		return nil, "", err
	}
	return c, addr, nil
}
