// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/nordcal/nordcal/internal/config"
	"github.com/nordcal/nordcal/internal/privacy"
	"github.com/nordcal/nordcal/internal/web"
)

const retentionUsage = `Usage: nordcal [flags] retention run

Deletes the personal data whose retention period has passed, as the server
does by itself once a day: the submitter's name, e-mail and network key of
registrations declined more than -retention-rejected-months ago (also as
the actor in their audit trail), directory proposals decided and
verification links expired or used more than -retention-proposals-months
ago, and failed sign-ins older than -retention-login-days. Prints what it
removed.`

// retentionPolicy is the retention part of the configuration.
func retentionPolicy(cfg config.Config) privacy.Policy {
	return privacy.Policy{RejectedMonths: cfg.RetentionRejectedMonths, ProposalsMonths: cfg.RetentionProposalsMonths,
		LoginDays: cfg.RetentionLoginDays}
}

// privacyNotice is what the privacy notice says of the configuration.
func privacyNotice(cfg config.Config) web.PrivacyNotice {
	return web.PrivacyNotice{ControllerName: cfg.ControllerName, ControllerAddress: cfg.ControllerAddress,
		Retention: retentionPolicy(cfg), LinkDays: int(cfg.VerifyLinkTTL / (24 * time.Hour))}
}

// retentionCommand runs the retention job once.
func retentionCommand(ctx context.Context, c command) error {
	if help, err := c.subcommand("retention", retentionUsage, func(s string) bool { return s == "run" }); help || err != nil {
		return err
	}
	fs := flag.NewFlagSet("retention run", flag.ContinueOnError)
	if help, err := c.parseOptions(fs, retentionUsage); help || err != nil {
		return err
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	db, err := c.openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := privacy.Run(ctx, db, retentionPolicy(cfg), time.Now())
	if err != nil {
		return fmt.Errorf("retention run: %w", err)
	}
	fmt.Fprintf(c.stdout, "declined registrations cleared: %d\nproposals deleted: %d\nverification links deleted: %d\nfailed sign-ins deleted: %d\n",
		r.RejectedSubmitters, r.Proposals, r.VerificationLinks, r.LoginFailures)
	return nil
}
