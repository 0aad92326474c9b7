// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/store/storetest"
)

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// TestRunServesDemoDataAndShutsDownGracefully starts the real program on a
// fresh database, the way the README's run command does.
func TestRunServesDemoDataAndShutsDownGracefully(t *testing.T) {
	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	env := map[string]string{"NORDCAL_DB": storetest.DSN(t), "NORDCAL_ADDR": fmt.Sprintf("127.0.0.1:%d", port), "NORDCAL_BASE_URL": base}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, nil, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, &stderr)
	}()

	waitHealthy(t, base, done, &stderr)
	if !strings.Contains(stdout.String(), "nordcal is running at "+base) {
		t.Errorf("the URL is not printed: %q", stdout.String())
	}
	res, err := http.Get(base + "/feeds/events.ics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if n := strings.Count(string(body), "BEGIN:VEVENT"); n < 60 {
		t.Errorf("demo feed has %d events, want at least 60", n)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no graceful shutdown within 30 s")
	}
	// A restart on the same database neither migrates nor loads demo data again.
	ctx2, cancel2 := context.WithCancel(context.Background())
	go func() {
		done <- run(ctx2, nil, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, &stderr)
	}()
	waitHealthy(t, base, done, &stderr)
	cancel2()
	if err := <-done; err != nil {
		t.Fatalf("restart: %v", err)
	}
	if n := strings.Count(stderr.String(), "demo data loaded"); n != 1 {
		t.Errorf("demo data loaded %d times, want once", n)
	}
}

func TestRunRejectsBadConfiguration(t *testing.T) {
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"-default-lang", "de"}, func(string) string { return "" }, strings.NewReader(""), io.Discard, &stderr)
	if err == nil || !strings.Contains(err.Error(), "NORDCAL_DEFAULT_LANG") {
		t.Errorf("got %v", err)
	}
}

// waitHealthy polls /healthz until it answers 200, failing the test if run
// returns first or a minute passes.
func waitHealthy(t *testing.T, base string, done <-chan error, stderr *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not become healthy: %v\n%s", err, stderr.String())
		}
		select {
		case err := <-done:
			t.Fatalf("run returned early: %v\n%s", err, stderr.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func TestRunWithoutDemoStartsEmpty(t *testing.T) {
	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	env := map[string]string{"NORDCAL_DB": storetest.DSN(t), "NORDCAL_ADDR": fmt.Sprintf("127.0.0.1:%d", port),
		"NORDCAL_BASE_URL": base, "NORDCAL_DEMO": "false"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, nil, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, &stderr)
	}()
	waitHealthy(t, base, done, &stderr)
	res, err := http.Get(base + "/api/v1/events")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), `"total":0`) {
		t.Errorf("NORDCAL_DEMO=false must start empty, got %s", body)
	}
	if !strings.Contains(stderr.String(), "NORDCAL_SECRET_KEY is not set: two-step verification cannot be turned on") {
		t.Errorf("start-up without a secret key must warn why:\n%s", stderr.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
