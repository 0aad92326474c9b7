// SPDX-License-Identifier: AGPL-3.0-or-later

// Package privacy lists every kind of personal data nordcal holds, where
// it is stored and how long it is kept, and enforces the retention. The
// privacy notice is written from Kinds, and a test walks the database
// schema to make sure no column with personal data is left out.
package privacy

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Column is one table column.
type Column struct {
	Table, Column string
}

// Kind is one kind of personal data: its ID names its part of the privacy
// notice (privacy.kind.<ID>.heading, .text and .retention).
type Kind struct {
	ID      string
	Columns []Column
}

func cols(table string, names ...string) []Column {
	out := make([]Column, len(names))
	for i, n := range names {
		out[i] = Column{table, n}
	}
	return out
}

// Kinds are the kinds of personal data, in the order of the notice.
var Kinds = []Kind{
	{"directory", slices.Concat(cols("people", "given_name", "family_name", "email", "phone", "country", "languages", "roles",
		"visibility", "legal_basis", "legal_basis_date", "verified_at", "verified_by", "search", "sort_key", "organisation_id"),
		cols("person_titles", "title"), cols("network_members", "person_id"),
		cols("directory_role_holders", "person_id", "from_day", "to_day"))},
	{"submitters", slices.Concat(cols("submissions", "submitter_name", "submitter_email", "submitter_addr", "token_hash", "proposed_org_name", "lang"),
		cols("events", "contact_email"), cols("notify_marks", "name"))},
	{"audit", cols("audit_events", "actor_id", "actor_email", "record_label", "changes")},
	{"subscriptions", cols("mail_subscriptions", "email", "email_key", "lang", "filters", "summary", "token")},
	{"accounts", slices.Concat(cols("users", "email", "name"), cols("notify_settings", "user_id", "lang"))},
	{"sessions", slices.Concat(cols("sessions", "token_hash", "data", "expiry"), cols("login_failures", "key", "at"))},
	{"verification", slices.Concat(cols("verification_links", "person_id", "token_hash", "lang", "expires_at", "used_at"),
		cols("verification_campaigns", "created_by"))},
	{"proposals", cols("directory_proposals", "record_label", "changes", "note", "proposer_email", "decided_by")},
	{"mail_queue", cols("mail_queue", "recipient", "recipient_key", "subject", "body", "extra")},
}

// NotPersonal are the columns whose names look like personal data but
// hold none, with the reason.
var NotPersonal = map[Column]string{
	{"organisations", "address"}:            "an organisation's postal address",
	{"organisation_names", "name"}:          "an organisation's name",
	{"network_texts", "name"}:               "a network's name",
	{"events", "address"}:                   "the address of an event's venue",
	{"protected_dates", "names"}:            "the names of protected dates",
	{"sources", "name"}:                     "the name of a partner calendar (an organisation's published calendar)",
	{"submissions", "proposed_org_country"}: "not a name; listed with the submitter's proposed organisation",
}

// personalWords are the words of a column name (split at "_") that mark
// personal data.
var personalWords = []string{"email", "name", "names", "phone", "address", "addr", "ip", "recipient", "note", "actor",
	"submitter", "proposer"}

// LooksPersonal reports whether a column's name suggests personal data.
func LooksPersonal(column string) bool {
	for _, w := range strings.Split(strings.ToLower(column), "_") {
		if slices.Contains(personalWords, w) {
			return true
		}
	}
	return false
}

// Covered reports whether Kinds list c, or NotPersonal explains it.
func Covered(c Column) bool {
	if _, ok := NotPersonal[c]; ok {
		return true
	}
	for _, k := range Kinds {
		if slices.Contains(k.Columns, c) {
			return true
		}
	}
	return false
}

// Policy is how long the data that are no longer needed are kept.
type Policy struct {
	// RejectedMonths: the submitter's name and e-mail of a declined
	// registration (also as the actor in its audit trail).
	RejectedMonths int
	// ProposalsMonths: decided proposals, and verification links used or
	// expired that long ago.
	ProposalsMonths int
	// LoginDays: records of failed sign-ins.
	LoginDays int
}

// Store deletes what the retention policy no longer allows to keep. Each
// method deletes in one transaction and returns how many records it
// removed or blanked.
type Store interface {
	// PurgeRejectedSubmitters blanks the submitter's name and e-mail of
	// registrations declined before the instant, and the submitter's
	// address as the actor of their events' audit entries.
	PurgeRejectedSubmitters(ctx context.Context, before time.Time) (int64, error)
	// PurgeProposals deletes directory proposals decided before the instant.
	PurgeProposals(ctx context.Context, before time.Time) (int64, error)
	// PurgeVerificationLinks deletes links that expired or were used before the instant.
	PurgeVerificationLinks(ctx context.Context, before time.Time) (int64, error)
	// PurgeLoginFailures deletes failed sign-ins recorded before the instant.
	PurgeLoginFailures(ctx context.Context, before time.Time) (int64, error)
}

// Report counts what one run removed.
type Report struct {
	RejectedSubmitters, Proposals, VerificationLinks, LoginFailures int64
}

// Run enforces p at now.
func Run(ctx context.Context, s Store, p Policy, now time.Time) (Report, error) {
	var r Report
	var err error
	if r.RejectedSubmitters, err = s.PurgeRejectedSubmitters(ctx, now.AddDate(0, -p.RejectedMonths, 0)); err != nil {
		return r, err
	}
	if r.Proposals, err = s.PurgeProposals(ctx, now.AddDate(0, -p.ProposalsMonths, 0)); err != nil {
		return r, err
	}
	if r.VerificationLinks, err = s.PurgeVerificationLinks(ctx, now.AddDate(0, -p.ProposalsMonths, 0)); err != nil {
		return r, err
	}
	r.LoginFailures, err = s.PurgeLoginFailures(ctx, now.AddDate(0, 0, -p.LoginDays))
	return r, err
}

// Every is how often the server runs the retention job.
const Every = 24 * time.Hour

// Daily runs Run at start and then every day until ctx ends, reporting
// each run's outcome to done (for logging).
func Daily(ctx context.Context, s Store, p Policy, now func() time.Time, done func(Report, error)) {
	t := time.NewTicker(Every)
	defer t.Stop()
	for {
		r, err := Run(ctx, s, p, now())
		if ctx.Err() != nil {
			return
		}
		done(r, err)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
