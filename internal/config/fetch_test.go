// SPDX-License-Identifier: AGPL-3.0-or-later

package config_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nordcal/nordcal/internal/config"
)

// The partner calendars' options: the background sync is on by default,
// and fetching reaches public addresses only with the system's roots until
// NORDCAL_FETCH_ALLOW and NORDCAL_FETCH_CA say otherwise.
func TestSyncAndFetchOptions(t *testing.T) {
	c, err := config.Load(nil, env(nil), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Sync || !c.FetchAllow.IsZero() || c.FetchCA != nil {
		t.Errorf("defaults: sync %v allow %+v ca %v", c.Sync, c.FetchAllow, c.FetchCA != nil)
	}
	if c, err = config.Load([]string{"-sync=false"}, env(nil), &bytes.Buffer{}); err != nil || c.Sync {
		t.Errorf("-sync=false: %v %v", c.Sync, err)
	}
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.pem")
	if err := os.WriteFile(empty, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ env, val string }{
		{"NORDCAL_SYNC", "often"},
		{"NORDCAL_FETCH_ALLOW", "10.0.0.0/40"},
		{"NORDCAL_FETCH_CA", filepath.Join(dir, "missing.pem")},
		{"NORDCAL_FETCH_CA", empty},
	} {
		_, err := config.Load(nil, env(map[string]string{tt.env: tt.val}), &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tt.env) {
			t.Errorf("%s=%q: error %v should name %s", tt.env, tt.val, err, tt.env)
		}
	}
	c, err = config.Load(nil, env(map[string]string{"NORDCAL_FETCH_ALLOW": "intranet.example.fi,10.20.0.0/16"}), &bytes.Buffer{})
	if err != nil || len(c.FetchOptions().Allow.Hosts) != 1 || len(c.FetchOptions().Allow.Networks) != 1 {
		t.Errorf("allow list: %+v %v", c.FetchAllow, err)
	}
}
