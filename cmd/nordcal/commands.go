// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/nordcal/nordcal/internal/config"
	"github.com/nordcal/nordcal/internal/store"
)

// command is one subcommand's call: the configuration flags before its
// name, its own arguments after, and the process's environment and streams.
type command struct {
	flags, args    []string
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
}

// commands are the subcommands by name. Each parses its own arguments
// before it touches the database, and answers -h/--help with its usage on
// stdout.
var commands map[string]func(context.Context, command) error

func init() {
	commands = map[string]func(context.Context, command) error{
		"user": userCommand, "backup": backupCommand, "healthcheck": healthcheckCommand, "mail": mailCommand,
		"sync":      syncCommand,
		"retention": retentionCommand,
	}
}

// wantsHelp reports whether args ask for a command's usage.
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" || a == "help" {
			return true
		}
	}
	return false
}

// subcommand checks the first argument of a command with subcommands
// (user, mail): help reports that the usage was asked for and is written.
func (c command) subcommand(group, usage string, known func(string) bool) (help bool, err error) {
	switch {
	case len(c.args) == 0:
		return false, usageError(usage, "%s: missing command", group)
	case wantsHelp(c.args[:1]):
		fmt.Fprintln(c.stdout, usage)
		return true, nil
	case !known(c.args[0]):
		return false, usageError(usage, "%s: unknown command %q", group, c.args[0])
	}
	return false, nil
}

// parseOptions parses the options after a subcommand's name into fs,
// which takes no other arguments: help reports that -h/--help asked for
// the usage, which is then written.
func (c command) parseOptions(fs *flag.FlagSet, usage string) (help bool, err error) {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(c.args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(c.stdout, usage)
			return true, nil
		}
		return false, usageError(usage, "%s: %v", fs.Name(), err)
	}
	if fs.NArg() > 0 {
		return false, usageError(usage, "%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return false, nil
}

// usageError is a wrong call of a subcommand: the message and its usage.
func usageError(usage, format string, a ...any) error {
	return fmt.Errorf("%s\n\n%s", fmt.Sprintf(format, a...), usage)
}

// load reads the configuration flags given before a subcommand.
func (c command) load() (config.Config, error) {
	return config.Load(c.flags, c.getenv, c.stdout)
}

// openExisting opens the configured database for a command that only
// reads: a SQLite file that does not exist is an error, never created.
func (c command) openExisting(ctx context.Context, cfg config.Config) (*store.DB, error) {
	dialect, path, err := store.ParseDSN(cfg.DB)
	if err != nil {
		return nil, err
	}
	if dialect == store.SQLite {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s (-db / NORDCAL_DB); nothing was created", path)
		}
	}
	return openDB(ctx, cfg, nil)
}

const backupUsage = `Usage: nordcal [flags] backup FILE

Writes a consistent copy of the SQLite database named by -db / NORDCAL_DB to
FILE, while nordcal keeps running. FILE must not exist yet. PostgreSQL is
backed up with pg_dump.`

func backupCommand(ctx context.Context, c command) error {
	if wantsHelp(c.args) {
		fmt.Fprintln(c.stdout, backupUsage)
		return nil
	}
	if len(c.args) != 1 || c.args[0] == "" || c.args[0][0] == '-' {
		return usageError(backupUsage, "backup: give exactly one FILE")
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
	if err := db.Backup(ctx, c.args[0]); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "backup written to %s\n", c.args[0])
	return nil
}

const healthcheckUsage = `Usage: nordcal [flags] healthcheck

Asks the server listening on -addr / NORDCAL_ADDR for /healthz and exits 0
when it answers 200 (the container's HEALTHCHECK; the image has no curl). A
server listening on every interface is asked on loopback.`

// healthcheckCommand asks the running server's /healthz.
func healthcheckCommand(ctx context.Context, c command) error {
	if wantsHelp(c.args) {
		fmt.Fprintln(c.stdout, healthcheckUsage)
		return nil
	}
	if len(c.args) > 0 {
		return usageError(healthcheckUsage, "healthcheck: unexpected argument %q", c.args[0])
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	addr, err := config.DialAddr(cfg.Addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/healthz", nil)
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
