// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// inEmptyDir runs the test in a fresh working directory, so a database
// created by accident (data/nordcal.db, a file called --help) shows up.
func inEmptyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chdir(old) })
	return dir
}

func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("the command created %s", e.Name())
	}
}

func TestEveryCommandAnswersHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--help"}, "Usage: nordcal [flags] [command]"},
		{[]string{"-h"}, "healthcheck"},
		{[]string{"backup", "--help"}, "Usage: nordcal [flags] backup FILE"},
		{[]string{"backup", "-h"}, "backup FILE"},
		{[]string{"healthcheck", "--help"}, "Usage: nordcal [flags] healthcheck"},
		{[]string{"healthcheck", "-h"}, "/healthz"},
		{[]string{"user", "--help"}, "Usage: nordcal [flags] user COMMAND"},
		{[]string{"user", "-h"}, "reset-password"},
		{[]string{"user", "add", "--help"}, "Usage: nordcal [flags] user COMMAND"},
		{[]string{"user", "list", "-h"}, "Usage: nordcal [flags] user COMMAND"},
		{[]string{"-db", "sqlite:x.db", "user", "--help"}, "user COMMAND"},
		{[]string{"mail", "--help"}, "Usage: nordcal [flags] mail COMMAND"},
		{[]string{"mail", "send-due", "-h"}, "send-due"},
		{[]string{"mail", "test", "--help"}, "test --to ADDRESS"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := inEmptyDir(t)
			var out, errOut bytes.Buffer
			err := run(context.Background(), tt.args, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
			if err != nil && !errors.Is(err, flag.ErrHelp) { // main exits 0 on ErrHelp
				t.Fatalf("help must succeed, got %v", err)
			}
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("stdout %q does not hold %q", out.String(), tt.want)
			}
			if errOut.Len() > 0 {
				t.Errorf("help must go to stdout, stderr got %q", errOut.String())
			}
			assertEmpty(t, dir)
		})
	}
}

func TestWrongCallsFailWithUsageAndCreateNothing(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"backup"}, "exactly one FILE"},
		{[]string{"backup", "a.db", "b.db"}, "exactly one FILE"},
		{[]string{"backup", "copy.db"}, "no database at data/nordcal.db"},
		{[]string{"user"}, "missing command"},
		{[]string{"user", "frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"user", "list", "extra"}, `unexpected argument "extra"`},
		{[]string{"user", "add", "--colour", "red"}, "-colour"},
		{[]string{"user", "list"}, "no database at data/nordcal.db"},
		{[]string{"healthcheck", "now"}, `unexpected argument "now"`},
		{[]string{"mail"}, "missing command"},
		{[]string{"mail", "flush"}, `unknown command "flush"`},
		{[]string{"mail", "test"}, "--to needs an e-mail address"},
		{[]string{"mail", "test", "--to", "not an address"}, "--to needs an e-mail address"},
		{[]string{"mail", "test", "--to", "a@example.org", "--lang", "de"}, "--lang must be one of"},
		{[]string{"mail", "send-due", "now"}, `unexpected argument "now"`},
		{[]string{"mail", "send-due"}, "no database at data/nordcal.db"},
		{[]string{"-no-such-flag"}, "-no-such-flag"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			dir := inEmptyDir(t)
			err := run(context.Background(), tt.args, func(string) string { return "" }, strings.NewReader(""), io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error holding %q", err, tt.want)
			}
			assertEmpty(t, dir)
		})
	}
}

// TestBusyAddressFailsBeforeAnythingIsWritten: a start that cannot listen
// names the option, creates no database and prints no admin password.
func TestBusyAddressFailsBeforeAnythingIsWritten(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	dbPath := filepath.Join(t.TempDir(), "nordcal.db")
	for _, addr := range []string{busy.Addr().String(), "192.0.2.1:80"} { // in use; not an address of this machine
		env := map[string]string{"NORDCAL_DB": "sqlite:" + dbPath, "NORDCAL_ADDR": addr}
		var out bytes.Buffer
		err := run(context.Background(), nil, func(k string) string { return env[k] }, strings.NewReader(""), &out, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "NORDCAL_ADDR") {
			t.Errorf("%s: got %v, want an error naming NORDCAL_ADDR", addr, err)
		}
		if strings.Contains(out.String(), "password") {
			t.Errorf("%s: a failed start printed a password: %q", addr, out.String())
		}
		if _, err := os.Stat(dbPath); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: a failed start created the database", addr)
		}
	}
}

// TestHealthcheckDialsTheConfiguredHost: a server on IPv6 loopback is found.
func TestHealthcheckDialsTheConfiguredHost(t *testing.T) {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	addr := fmt.Sprintf("[::1]:%d", port)
	env := map[string]string{"NORDCAL_DB": "sqlite:" + filepath.Join(t.TempDir(), "n.db"), "NORDCAL_ADDR": addr, "NORDCAL_DEMO": "false"}
	getenv := func(k string) string { return env[k] }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, getenv, strings.NewReader(""), io.Discard, &stderr) }()
	waitHealthy(t, "http://"+addr, done, &stderr)
	if err := run(context.Background(), []string{"healthcheck"}, getenv, strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Errorf("healthcheck on %s: %v", addr, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
