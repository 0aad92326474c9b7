// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/locales"
)

const userUsage = `Usage: nordcal [flags] user COMMAND [options]

Commands:
  add --email E --role admin|editor [--name N] [--password-stdin]
        create an account; without --password-stdin a password is generated and printed once
  list  list the accounts
  reset-password --email E [--password-stdin]
        set a new password (generated and printed once unless read from stdin)
  disable --email E
        stop an account from signing in
  enable --email E
        let a disabled account sign in again
  unlock --email E
        clear the account's failed sign-ins, so its owner can sign in at once

Configuration flags (-db …) go before "user"; list only reads and never
creates a database.`

// userCommand manages secretariat accounts from the command line. It
// parses its arguments before it opens the database.
func userCommand(ctx context.Context, c command) error {
	args := c.args
	if help, err := c.subcommand("user", userUsage, func(s string) bool { return knownUserCommands[s] }); help || err != nil {
		return err
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	email := fs.String("email", "", "e-mail address of the account")
	role := fs.String("role", "", "admin or editor")
	name := fs.String("name", "", "full name")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if help, err := c.parseOptions(fs, userUsage); help || err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	var db *store.DB
	if args[0] == "list" {
		db, err = c.openExisting(ctx, cfg)
	} else {
		db, err = openDB(ctx, cfg, nil)
	}
	if err != nil {
		return err
	}
	defer db.Close()
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		return err
	}
	svc, l := auth.NewService(db, time.Now, auth.WithSecretKey(cfg.SecretKey)), bundle.For(lang.EN)
	stdin, stdout := c.stdin, c.stdout
	password := func(u auth.User) (string, bool, error) {
		if !*fromStdin {
			return auth.GeneratePassword(), true, nil
		}
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", false, err
		}
		pw := strings.TrimRight(line, "\r\n")
		if msg := auth.CheckPassword(pw, u.Email); msg != "" {
			return "", false, describe(l, &apperr.Error{Kind: apperr.Invalid, MsgID: "validation.failed", Fields: map[string]string{"password": msg}})
		}
		return pw, false, nil
	}
	switch args[0] {
	case "add":
		u := auth.User{Email: *email, Name: *name, Role: auth.Role(*role)}
		pw, generated, err := password(u)
		if err != nil {
			return err
		}
		if err := svc.Create(ctx, audit.CLI, &u, pw); err != nil {
			return describe(l, err)
		}
		fmt.Fprintf(stdout, "created %s (%s)\n", u.Email, u.Role)
		if generated {
			fmt.Fprintf(stdout, "password (shown only now): %s\n", pw)
		}
	case "list":
		users, err := svc.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "EMAIL\tROLE\tSTATUS\t2FA\tNAME")
		for _, u := range users {
			status, twofa := "active", "no"
			if u.Disabled {
				status = "disabled"
			}
			if u.TOTPSecret != "" {
				twofa = "yes"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Email, u.Role, status, twofa, u.Name)
		}
		return tw.Flush()
	case "reset-password":
		u, err := svc.UserByEmail(ctx, *email)
		if err != nil {
			return describe(l, err)
		}
		pw, generated, err := password(u)
		if err != nil {
			return err
		}
		if _, err := svc.SetPassword(ctx, audit.CLI, audit.UserPasswordReset, u.ID, pw); err != nil {
			return describe(l, err)
		}
		fmt.Fprintf(stdout, "password of %s reset; the account's other sessions are signed out\n", u.Email)
		if generated {
			fmt.Fprintf(stdout, "password (shown only now): %s\n", pw)
		}
	case "disable", "enable":
		u, err := svc.UserByEmail(ctx, *email)
		if err != nil {
			return describe(l, err)
		}
		u.Disabled = args[0] == "disable"
		if err := svc.Update(ctx, audit.CLI, &u); err != nil {
			return describe(l, err)
		}
		fmt.Fprintf(stdout, "%s is now %sd\n", u.Email, args[0])
	case "unlock":
		if *email == "" {
			return usageError(userUsage, "user unlock: --email is required")
		}
		u, err := svc.Unlock(ctx, *email)
		if err != nil {
			return describe(l, err)
		}
		fmt.Fprintf(stdout, "%s is unlocked: its failed sign-ins are cleared\n", u.Email)
	}
	return nil
}

// knownUserCommands are the commands of "nordcal user".
var knownUserCommands = map[string]bool{"add": true, "list": true, "reset-password": true, "disable": true, "enable": true, "unlock": true}

// describe turns an application error into one line in English, using the
// locale messages so the rules are worded once.
func describe(l *i18n.Localizer, err error) error {
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind == apperr.Internal {
		return err
	}
	// The form's headline ("correct the fields marked below") means nothing
	// on a command line: name the fields instead.
	var parts []string
	for f, m := range ae.Fields {
		parts = append(parts, f+": "+l.T(m))
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		parts = []string{l.T(ae.MsgID)}
	}
	return errors.New(strings.Join(parts, "; "))
}

// createDemoAdmin gives a fresh demo installation one admin account whose
// password is generated and printed once; there is no fixed default.
func createDemoAdmin(ctx context.Context, svc *auth.Service, stdout io.Writer) error {
	u := auth.User{Email: "secretariat@example.org", Name: "Demo Secretariat", Role: auth.Admin}
	pw := auth.GeneratePassword()
	if err := svc.Create(ctx, audit.CLI, &u, pw); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo admin: %s, password (shown only now): %s\n", u.Email, pw)
	return nil
}

// sealSecrets encrypts second-factor secrets left in plaintext by an older
// nordcal, and says at start-up why two-step verification is unavailable
// without NORDCAL_SECRET_KEY.
func sealSecrets(ctx context.Context, svc *auth.Service, log *slog.Logger) error {
	r, err := svc.SealTOTPSecrets(ctx)
	if err != nil {
		return fmt.Errorf("encrypt second-factor secrets: %w", err)
	}
	if r.Sealed > 0 {
		log.Info("second-factor secrets encrypted", "count", r.Sealed)
	}
	if !svc.CanEnableTOTP() {
		log.Warn("NORDCAL_SECRET_KEY is not set: two-step verification cannot be turned on, because its secrets would be stored unencrypted",
			"plaintext_secrets", r.Plaintext, "unreadable_secrets", r.Unreadable)
	}
	return nil
}
