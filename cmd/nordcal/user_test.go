// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/store/storetest"
)

func TestUserCommand(t *testing.T) {
	env := map[string]string{"NORDCAL_DB": storetest.DSN(t), "NORDCAL_DEMO": "false"}
	cli := func(stdin string, args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &out, &errOut)
		return out.String() + errOut.String(), err
	}
	out, err := cli("", "user", "add", "--email", "Aino@Example.org", "--role", "admin", "--name", "Aino Mäkelä")
	if err != nil {
		t.Fatalf("add: %v\n%s", err, out)
	}
	generated := regexp.MustCompile(`password \(shown only now\): (\S+)`).FindStringSubmatch(out)
	if generated == nil || len(generated[1]) < 12 {
		t.Fatalf("add must print a generated password once: %q", out)
	}
	if _, err := cli("pitkä ja hyvä salasana\n", "user", "add", "--email", "erik@example.org", "--role", "editor", "--password-stdin"); err != nil {
		t.Fatalf("add with stdin password: %v", err)
	}
	if out, err := cli("short\n", "user", "add", "--email", "x@example.org", "--role", "editor", "--password-stdin"); err == nil || !strings.HasPrefix(err.Error(), "password: ") {
		t.Errorf("a short password must be refused naming the field, got %v %q", err, out)
	} else if strings.Contains(err.Error(), "marked below") {
		t.Errorf("the command line must not use the web form's wording: %v", err)
	}
	if _, err := cli("", "user", "add", "--email", "y@example.org", "--role", "owner"); err == nil || !strings.Contains(err.Error(), "role") {
		t.Errorf("unknown role must be refused, got %v", err)
	}
	if _, err := cli("", "user", "add", "--email", "aino@example.org", "--role", "editor"); err == nil {
		t.Errorf("a second account with the same e-mail must be refused")
	}
	if _, err := cli("", "user", "disable", "--email", "erik@example.org"); err != nil {
		t.Fatal(err)
	}
	if _, err := cli("", "user", "disable", "--email", "aino@example.org"); err == nil {
		t.Errorf("disabling the last admin must be refused")
	}
	out, err = cli("", "user", "list")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`aino@example.org\s+admin\s+active`).MatchString(out) || !regexp.MustCompile(`erik@example.org\s+editor\s+disabled`).MatchString(out) {
		t.Errorf("list:\n%s", out)
	}
	out, err = cli("", "user", "reset-password", "--email", "aino@example.org")
	if err != nil || !strings.Contains(out, "shown only now") || strings.Contains(out, generated[1]) {
		t.Errorf("reset-password: %v %q", err, out)
	}
	if _, err := cli("", "user", "frobnicate"); err == nil {
		t.Errorf("unknown subcommand must fail")
	}
}

func TestUserUnlock(t *testing.T) {
	dsn := storetest.DSN(t)
	env := map[string]string{"NORDCAL_DB": dsn, "NORDCAL_DEMO": "false"}
	cli := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader("pitkä ja hyvä salasana\n"), &out, &errOut)
		return out.String() + errOut.String(), err
	}
	if out, err := cli("user", "add", "--email", "aino@example.org", "--role", "admin", "--password-stdin"); err != nil {
		t.Fatalf("add: %v\n%s", err, out)
	}
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := auth.NewService(db, time.Now)
	signIn := func(addr string) error {
		_, err := svc.Authenticate(context.Background(), "aino@example.org", "pitkä ja hyvä salasana", "", addr)
		return err
	}
	for i := range auth.MaxAccountFailures {
		_, _ = svc.Authenticate(context.Background(), "aino@example.org", "wrong guess", "", fmt.Sprintf("10.0.0.%d", i+1))
	}
	if err := signIn("192.0.2.1"); !apperr.Is(err, apperr.RateLimited) {
		t.Fatalf("the account must be throttled before unlock: %v", err)
	}
	out, err := cli("user", "unlock", "--email", "Aino@example.org")
	if err != nil || !strings.Contains(out, "aino@example.org is unlocked") {
		t.Fatalf("unlock: %v %q", err, out)
	}
	if err := signIn("192.0.2.1"); err != nil {
		t.Errorf("after unlock the owner signs in: %v", err)
	}
	if out, err := cli("user", "unlock", "--help"); err != nil || !strings.Contains(out, "unlock --email E") {
		t.Errorf("unlock --help: %v %q", err, out)
	}
	if _, err := cli("user", "unlock"); err == nil || !strings.Contains(err.Error(), "--email") {
		t.Errorf("unlock without --email: %v", err)
	}
	if _, err := cli("user", "unlock", "--email", "nobody@example.org"); err == nil {
		t.Errorf("unlocking an unknown account must fail")
	}
}
