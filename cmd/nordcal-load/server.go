// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

const module = "github.com/nordcal/nordcal"

// healthTimeout bounds the wait for the server's first /healthz answer.
const healthTimeout = 60 * time.Second

// checkRepoRoot fails unless the working directory is the repository root,
// where "go build ./cmd/nordcal" builds the real server.
func checkRepoRoot() error {
	wd, _ := os.Getwd()
	hint := fmt.Errorf("run me from the root of the nordcal repository (the directory of go.mod for %s), "+
		"e.g. go run ./cmd/nordcal-load; the working directory is %s", module, wd)
	f, err := os.Open("go.mod")
	if err != nil {
		return hint
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if mod, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			if strings.Trim(strings.TrimSpace(mod), `"`) != module {
				return hint
			}
			if _, err := os.Stat(filepath.Join("cmd", "nordcal", "main.go")); err != nil {
				return hint
			}
			return nil
		}
	}
	return hint
}

// buildServer builds ./cmd/nordcal into dir and returns the binary's path.
func buildServer(ctx context.Context, dir string) (string, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the go command is needed to build ./cmd/nordcal: %w", err)
	}
	bin := filepath.Join(dir, "nordcal")
	cmd := exec.CommandContext(ctx, goTool, "build", "-o", bin, "./cmd/nordcal")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/nordcal: %w\n%s", err, strings.TrimRight(string(out), "\n"))
	}
	return bin, nil
}

// startServer runs the real server on a free loopback port over the
// database at dbPath, logging to dir/server.log, and waits until /healthz
// answers. It returns the server's base URL.
func startServer(ctx context.Context, bin, dir, dbPath string) (*child, string, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, "", err
	}
	base := "http://" + addr
	cmd := exec.Command(bin)
	cmd.Dir = dir
	// The parent's environment minus any NORDCAL_* setting, so the server
	// runs with exactly this configuration and defaults otherwise (GOGC,
	// GOMEMLIMIT and the like still pass through, on purpose).
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NORDCAL_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env,
		"NORDCAL_DB=sqlite:"+dbPath,
		"NORDCAL_ADDR="+addr,
		"NORDCAL_BASE_URL="+base,
		"NORDCAL_DEMO=false",
		"NORDCAL_LOG_FORMAT=text",
	)
	srv, err := startChild("server", cmd, filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, "", err
	}
	if err := waitHealthy(ctx, srv, base+"/healthz"); err != nil {
		return nil, "", errors.Join(err, srv.stop())
	}
	return srv, base, nil
}

// waitHealthy polls u until it answers 200, the child exits, ctx ends or
// healthTimeout passes.
func waitHealthy(ctx context.Context, c *child, u string) error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(healthTimeout)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if res, err := client.Do(req); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not answer %s within %s; end of %s:\n%s", c.name, u, healthTimeout, c.logPath, c.tail(20))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-c.done:
			return c.failure()
		case <-tick.C:
		}
	}
}
