// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/notify"
	"github.com/nordcal/nordcal/internal/web"
	"github.com/nordcal/nordcal/locales"
)

const mailUsage = `Usage: nordcal [flags] mail COMMAND [options]

Commands:
  send-due
        queue the secretariat's daily digests that are due today (whatever
        the hour), a ceiling warning on crossing, and the e-mail
        subscriptions' change notices and weekly digests that are due; then
        send every queued mail that is due now, and print how many were
        sent and failed; for cron and tests (the server does the same by
        itself every minute)
  test --to ADDRESS [--lang fi|sv|da|no|en]
        send a test message at once, not through the queue, and report
        what the SMTP server answered

Configuration flags (-db, -smtp-host …) go before "mail"; NORDCAL_*
variables work as well. Without -smtp-host the mail is written to the log.`

// mailCommand sends queued mail or a test message from the command line.
// It parses its arguments before it opens the database.
func mailCommand(ctx context.Context, c command) error {
	args := c.args
	if help, err := c.subcommand("mail", mailUsage, func(s string) bool { return s == "send-due" || s == "test" }); help || err != nil {
		return err
	}
	fs := flag.NewFlagSet("mail "+args[0], flag.ContinueOnError)
	to := fs.String("to", "", "recipient of the test message")
	lng := fs.String("lang", "", "language of the test message")
	if help, err := c.parseOptions(fs, mailUsage); help || err != nil {
		return err
	}
	if args[0] == "test" && !calendar.ValidEmail(*to) {
		return usageError(mailUsage, "mail test: --to needs an e-mail address")
	}
	if args[0] == "send-due" && (*to != "" || *lng != "") {
		return usageError(mailUsage, "mail send-due takes no options")
	}
	var code lang.Code
	if *lng != "" {
		l, ok := lang.Parse(*lng)
		if !ok {
			return usageError(mailUsage, "mail test: --lang must be one of fi, sv, da, no, en")
		}
		code = l
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	if code == "" {
		code = cfg.DefaultLang
	}
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(c.stderr, nil))
	if args[0] == "test" {
		l := bundle.For(code)
		m := mail.Message{To: strings.TrimSpace(*to), Lang: code.Tag(), Subject: l.T("notify.test.subject"),
			Body: l.T("notify.test.body") + "\n\n" + l.T("notify.signature") + "\n", MessageID: mail.NewMessageID(cfg.MailFrom)}
		if err := mailer(cfg, log).Send(ctx, m); err != nil {
			return fmt.Errorf("mail test: %w", err)
		}
		if cfg.SMTPHost == "" {
			fmt.Fprintf(c.stdout, "no SMTP server configured (-smtp-host): the test message to %s was written to the log\n", m.To)
		} else {
			fmt.Fprintf(c.stdout, "test message to %s accepted by %s:%d\n", m.To, cfg.SMTPHost, cfg.SMTPPort)
		}
		return nil
	}
	db, err := c.openExisting(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	queue, notifier := mailQueue(cfg, db, bundle, log)
	calSvc := calendarService(cfg, db, calendar.WithNotifier(notifier))
	notifier.Links = calSvc
	subs := subscriptions(cfg, db, notifier, calSvc)
	subs.ICS = web.ICSWriter(web.Deps{Bundle: bundle, BaseURL: cfg.BaseURL, DefaultZone: cfg.DefaultZone, ContactEmail: cfg.ContactEmail})
	notifier.ICS = subs.ICS
	bg := &notify.Background{Mailer: notifier, Calendar: calSvc, Zone: cfg.DefaultZone, Subscriptions: subs}
	if err := bg.Due(ctx, true); err != nil {
		return fmt.Errorf("mail send-due: %w", err)
	}
	sent, failed, err := queue.SendDue(ctx)
	fmt.Fprintf(c.stdout, "sent %d, failed %d (failed ones are retried later or marked failed)\n", sent, failed)
	if err != nil {
		return fmt.Errorf("mail send-due: %w", err)
	}
	return nil
}
