// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

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
