// SPDX-License-Identifier: AGPL-3.0-or-later

// Command nordcal serves the Nordic anti-trafficking calendar. It only wires
// the parts together: configuration, database, services and web server.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "time/tzdata" // event zones must load even where the host has no zoneinfo

	"github.com/nordcal/nordcal/internal/auth"
	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/config"
	"github.com/nordcal/nordcal/internal/demo"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/holiday"
	"github.com/nordcal/nordcal/internal/i18n"
	"github.com/nordcal/nordcal/internal/mail"
	"github.com/nordcal/nordcal/internal/notify"
	"github.com/nordcal/nordcal/internal/privacy"
	"github.com/nordcal/nordcal/internal/store"
	"github.com/nordcal/nordcal/internal/web"
	"github.com/nordcal/nordcal/locales"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, "nordcal:", err)
		os.Exit(1)
	}
}

// run starts nordcal and blocks until ctx is cancelled, then shuts down
// gracefully. It is main without the process globals, so tests can call it.
//
// Subcommands follow the configuration flags: "nordcal -db … user list".
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	for i, a := range args {
		if cmd, ok := commands[a]; ok {
			return cmd(ctx, command{flags: args[:i], args: args[i+1:], getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr})
		}
	}
	cfg, err := config.Load(args, getenv, stdout)
	if err != nil {
		return err
	}
	// Listen before anything is written: a busy or bad address must fail
	// before migrations run and before a demo admin password is printed.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("-addr / NORDCAL_ADDR %q: %w", cfg.Addr, err)
	}
	defer ln.Close()
	if !cfg.BaseURLGiven {
		cfg.BaseURL = config.BaseURLFor(ln.Addr().String()) // the real port when -addr asked for port 0
	}
	logBuf := newLogBuffer(stderr)
	defer logBuf.Close()
	var handler slog.Handler = slog.NewTextHandler(logBuf, nil)
	if cfg.LogFormat == "json" {
		handler = slog.NewJSONHandler(logBuf, nil)
	}
	log := slog.New(flushOnWarn{Handler: handler, buf: logBuf})

	db, err := openDB(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()

	dirSvc := directory.NewService(db)
	dirSvc.MaxFileBytes = cfg.MaxDocumentBytes
	authSvc := auth.NewService(db, time.Now, auth.WithSecretKey(cfg.SecretKey))
	if err := sealSecrets(ctx, authSvc, log); err != nil {
		return err
	}
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		return err
	}
	outbox, notifier := mailQueue(cfg, db, bundle, log)
	dirSvc.Verifier(notifier, cfg.VerifyLinkTTL)
	calSvc := calendarService(cfg, db, calendar.WithNotifier(notifier))
	notifier.Links = calSvc
	subs := subscriptions(cfg, db, notifier, calSvc)
	runner := syncRunner(cfg, db, calSvc, bundle, log)
	background := &notify.Background{Mailer: notifier, Calendar: calSvc, Zone: cfg.DefaultZone, Subscriptions: subs}
	srv, err := web.New(web.Deps{
		Calendar: calSvc, Directory: dirSvc, Bundle: bundle, Log: log,
		Fetcher: runner.Fetcher,
		BaseURL: cfg.BaseURL, DefaultLang: cfg.DefaultLang, DefaultZone: cfg.DefaultZone,
		ContactEmail: cfg.ContactEmail, TrustedProxies: cfg.TrustedProxies, Ping: db.Ping,
		Auth: authSvc, Audit: db, Sessions: db.Sessions(), Mail: outbox, EmbedOrigins: cfg.EmbedOrigins,
		Notify: notifier, MailStats: db.MailQueue().Stats, Subscriptions: subs, Privacy: privacyNotice(cfg),
		Sources: runner.Sources, Sync: runner,
	})
	if err != nil {
		return err
	}
	subs.ICS, notifier.ICS = srv.EventsICS, srv.EventsICS
	mailCtx, stopMail := context.WithCancel(ctx)
	mailDone := make(chan struct{}, 3)
	go func() { outbox.Run(mailCtx); mailDone <- struct{}{} }()
	go func() { background.Run(mailCtx); mailDone <- struct{}{} }()
	go func() {
		if cfg.Sync {
			runner.Run(mailCtx, time.Minute)
		}
		mailDone <- struct{}{}
	}()
	defer func() { stopMail(); <-mailDone; <-mailDone; <-mailDone }() // before the database closes
	// The demo data and its admin come last before serving, so a start that
	// fails prints no password.
	if cfg.Demo {
		empty, err := db.Empty(ctx)
		if err != nil {
			return err
		}
		if empty {
			if err := demo.Load(ctx, dirSvc, calSvc, time.Now()); err != nil {
				return fmt.Errorf("load demo data: %w", err)
			}
			if err := createDemoAdmin(ctx, authSvc, stdout); err != nil {
				return fmt.Errorf("create demo admin: %w", err)
			}
			log.Info("demo data loaded")
		}
	}
	httpSrv := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stdout, "nordcal is running at %s (listening on %s)\n", cfg.BaseURL, ln.Addr())
	if cfg.LoopbackOnly {
		fmt.Fprintln(stdout, "only this machine can connect: demo data are on and no address was given (-addr :8080 or NORDCAL_ADDR=:8080 listens on every interface)")
	}
	if cfg.DebugAddr != "" {
		if err := serveDebug(ctx, cfg.DebugAddr, log); err != nil {
			return fmt.Errorf("-debug-addr / NORDCAL_DEBUG_ADDR %q: %w", cfg.DebugAddr, err)
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	go sweepSessions(ctx, db.Sessions(), log)
	go privacy.Daily(ctx, db, retentionPolicy(cfg), time.Now, func(r privacy.Report, err error) {
		if err != nil {
			log.Error("retention", "error", err.Error())
			return
		}
		log.Info("retention", "rejected_submitters", r.RejectedSubmitters, "proposals", r.Proposals,
			"verification_links", r.VerificationLinks, "login_failures", r.LoginFailures)
	})
	go extendSeries(ctx, db, log, extendSeriesEvery)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := httpSrv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// openDB opens the configured database and brings its schema up to date.
func openDB(ctx context.Context, cfg config.Config, log *slog.Logger) (*store.DB, error) {
	db, err := store.Open(ctx, cfg.DB, log)
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if log != nil {
		log.Info("migrations applied", "count", applied)
	}
	return db, nil
}

// calendarService builds the calendar domain service from the configuration.
func calendarService(cfg config.Config, db *store.DB, opts ...calendar.Option) *calendar.Service {
	rules := calendar.DefaultClashRules
	rules.GapDays = cfg.ClashGapDays
	return calendar.NewService(db, db, cfg.UIDDomain(), time.Now, append([]calendar.Option{calendar.WithHolidays(&holiday.Nordic{}),
		calendar.WithClashRules(rules), calendar.WithPendingCeiling(cfg.MaxPending)}, opts...)...)
}

// subscriptions builds "get these events by e-mail"; the caller sets ICS
// from the web server.
func subscriptions(cfg config.Config, db *store.DB, m *notify.Mailer, cal *calendar.Service) *notify.Subscriptions {
	return &notify.Subscriptions{Mailer: m, Store: db.Subscriptions(), Feed: cal, DailyCap: cfg.MailDailyCap, Zone: cfg.DefaultZone}
}

// mailQueue builds the mail queue and the notices that use it; the
// caller sets the notices' Links once the calendar service exists.
func mailQueue(cfg config.Config, db *store.DB, bundle *i18n.Bundle, log *slog.Logger) (*mail.Queue, *notify.Mailer) {
	q := mail.NewQueue(db.MailQueue(), mailer(cfg, log), mail.Options{Workers: cfg.MailWorkers, DailyCap: cfg.MailDailyCap,
		Domain: cfg.BaseURL.Hostname(), Log: log})
	return q, &notify.Mailer{Bundle: bundle, Outbox: q, BaseURL: cfg.BaseURL, Staff: db.Notify(cfg.MailDailyCap), Log: log}
}

// sweepSessions deletes expired sessions every hour until ctx ends.
func sweepSessions(ctx context.Context, s *store.Sessions, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.DeleteExpired(ctx); err != nil && ctx.Err() == nil {
				log.Error("delete expired sessions", "error", err.Error())
			}
		}
	}
}

// mailer sends through SMTP when a host is configured, else to the log.
func mailer(cfg config.Config, log *slog.Logger) mail.Sender {
	if cfg.SMTPHost == "" {
		return mail.Log{Logger: log, From: cfg.MailFrom}
	}
	return mail.SMTP{Host: cfg.SMTPHost, Port: cfg.SMTPPort, User: cfg.SMTPUser, Password: cfg.SMTPPassword, From: cfg.MailFrom,
		AllowPlaintext: cfg.SMTPAllowPlaintext}
}
