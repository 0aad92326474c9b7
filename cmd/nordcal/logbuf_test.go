// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"log/slog"
	"strings"
	"testing"
)

// TestLogBufferKeepsEveryLine: info lines wait for the next flush,
// warnings go out at once with what came before them, and closing writes
// the rest, in order.
func TestLogBufferKeepsEveryLine(t *testing.T) {
	var out syncBuffer
	buf := newLogBuffer(&out)
	log := slog.New(flushOnWarn{Handler: slog.NewTextHandler(buf, nil), buf: buf}).With("app", "nordcal")
	log.Info("request", "n", 1)
	log.Warn("database slow")
	got := out.String()
	if !strings.Contains(got, "n=1") || !strings.Contains(got, "database slow") || !strings.Contains(got, "app=nordcal") {
		t.Fatalf("a warning must flush itself and the lines before it:\n%s", got)
	}
	log.Info("request", "n", 2)
	buf.Close()
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.Contains(lines[2], "n=2") {
		t.Errorf("after Close want 3 lines in order, got %q", lines)
	}
}
