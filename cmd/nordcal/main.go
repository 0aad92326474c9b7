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
	"github.com/nordcal/nordcal/internal/lang"
	"github.com/nordcal/nordcal/internal/mail"
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
	var sub []string
	for i, a := range args {
		if a == "user" || a == "healthcheck" || a == "backup" {
			args, sub = args[:i], args[i:]
			break
		}
	}
	if len(sub) > 0 && sub[0] == "healthcheck" {
		return healthcheck(ctx, args, getenv, stderr)
	}
	cfg, err := config.Load(args, getenv, stderr)
	if err != nil {
		return err
	}
	logBuf := newLogBuffer(stderr)
	defer logBuf.Close()
	var handler slog.Handler = slog.NewTextHandler(logBuf, nil)
	if cfg.LogFormat == "json" {
		handler = slog.NewJSONHandler(logBuf, nil)
	}
	log := slog.New(flushOnWarn{Handler: handler, buf: logBuf})

	db, err := store.Open(ctx, cfg.DB, log)
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	log.Info("migrations applied", "count", applied)

	dirSvc := directory.NewService(db)
	rules := calendar.DefaultClashRules
	rules.GapDays = cfg.ClashGapDays
	calSvc := calendar.NewService(db, db, cfg.UIDDomain(), time.Now, calendar.WithHolidays(&holiday.Nordic{}),
		calendar.WithClashRules(rules))
	authSvc := auth.NewService(db, time.Now, auth.WithSecretKey(cfg.SecretKey))
	if err := sealSecrets(ctx, authSvc, log); err != nil {
		return err
	}
	bundle, err := i18n.Load(locales.FS)
	if err != nil {
		return err
	}
	if len(sub) > 0 && sub[0] == "backup" {
		if len(sub) != 2 {
			return errors.New("usage: nordcal [flags] backup FILE")
		}
		if err := db.Backup(ctx, sub[1]); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "backup written to %s\n", sub[1])
		return nil
	}
	if len(sub) > 0 {
		return userCommand(ctx, authSvc, bundle.For(lang.EN), sub[1:], stdin, stdout, stderr)
	}
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
	srv, err := web.New(web.Deps{
		Calendar: calSvc, Directory: dirSvc, Bundle: bundle, Log: log,
		BaseURL: cfg.BaseURL, DefaultLang: cfg.DefaultLang, DefaultZone: cfg.DefaultZone,
		ContactEmail: cfg.ContactEmail, TrustedProxies: cfg.TrustedProxies, Ping: db.Ping,
		Auth: authSvc, Audit: db, Sessions: db.Sessions(), Mail: mailer(cfg, log),
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
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
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	go sweepSessions(ctx, db.Sessions(), log)
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

// healthcheck asks the running server's /healthz on loopback; it is the
// container's HEALTHCHECK, because the image has no curl. args are the
// configuration flags.
func healthcheck(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	cfg, err := config.Load(args, getenv, stderr)
	if err != nil {
		return err
	}
	_, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1:"+port+"/healthz", nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("healthz answered %s", res.Status)
	}
	return nil
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
	return mail.SMTP{Host: cfg.SMTPHost, Port: cfg.SMTPPort, User: cfg.SMTPUser, Password: cfg.SMTPPassword, From: cfg.MailFrom}
}
