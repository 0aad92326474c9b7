// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupRestoresToAWorkingInstance backs up a demo database while it
// is in use and starts a new instance on the copy.
func TestBackupRestoresToAWorkingInstance(t *testing.T) {
	dir := t.TempDir()
	src, copyPath := filepath.Join(dir, "live.db"), filepath.Join(dir, "backups", "copy.db")
	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	env := map[string]string{"NORDCAL_DB": "sqlite:" + src, "NORDCAL_ADDR": fmt.Sprintf("127.0.0.1:%d", port), "NORDCAL_BASE_URL": base}
	getenv := func(k string) string { return env[k] }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, strings.NewReader(""), io.Discard, &stderr) }()
	waitHealthy(t, base, done, &stderr)
	before := fetch(t, base+"/api/v1/events?per_page=1")

	var out bytes.Buffer
	if err := run(context.Background(), []string{"backup", copyPath}, getenv, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatalf("backup while running: %v", err)
	}
	if err := run(context.Background(), []string{"backup", copyPath}, getenv, strings.NewReader(""), io.Discard, io.Discard); err == nil {
		t.Errorf("a backup must not overwrite an existing file")
	}
	cancel()
	<-done

	port2 := freePort(t)
	base2 := fmt.Sprintf("http://127.0.0.1:%d", port2)
	env2 := map[string]string{"NORDCAL_DB": "sqlite:" + copyPath, "NORDCAL_ADDR": fmt.Sprintf("127.0.0.1:%d", port2), "NORDCAL_BASE_URL": base}
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	go func() {
		done <- run(ctx2, nil, func(k string) string { return env2[k] }, strings.NewReader(""), io.Discard, &stderr)
	}()
	waitHealthy(t, base2, done, &stderr)
	if after := fetch(t, base2+"/api/v1/events?per_page=1"); after != before {
		t.Errorf("the restored instance answers differently:\n%s\n%s", before, after)
	}
	if strings.Count(stderr.String(), "demo data loaded") != 1 {
		t.Errorf("the restored copy must not be seen as empty")
	}
	cancel2()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func fetch(t *testing.T, u string) string {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", u, res.StatusCode)
	}
	return string(b)
}
