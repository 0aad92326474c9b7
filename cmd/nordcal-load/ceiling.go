// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

// ceilingFlag, as the first argument, turns this binary into the ceiling
// server. It is not listed by -h: only run passes it, to its own child.
const ceilingFlag = "ceiling-serve"

// startCeiling re-executes this binary as the ceiling: a bare net/http
// handler serving feed's bytes and headers from memory. The child inherits
// an open loopback listener, so it is reachable as soon as it starts and no
// port can be taken in between. It returns the listener's address.
func startCeiling(dir string, feed response) (*child, string, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, "", err
	}
	file := filepath.Join(dir, "feed.body")
	if err := os.WriteFile(file, feed.body, 0o600); err != nil {
		return nil, "", err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	defer ln.Close() // the child holds its own descriptor
	lf, err := ln.(*net.TCPListener).File()
	if err != nil {
		return nil, "", err
	}
	defer lf.Close()
	cmd := exec.Command(self, "-"+ceilingFlag, file, "-etag", feed.etag, "-type", feed.contentType, "-encoding", feed.contentEncoding)
	cmd.ExtraFiles = []*os.File{lf} // descriptor 3 in the child
	c, err := startChild("ceiling", cmd, filepath.Join(dir, "ceiling.log"))
	if err != nil {
		return nil, "", err
	}
	return c, ln.Addr().String(), nil
}

// checkCeiling fetches the ceiling once and compares it with the server's feed.
func checkCeiling(ctx context.Context, c *http.Client, u string, feed response) error {
	got, err := fetch(ctx, c, u)
	if err != nil {
		return fmt.Errorf("ceiling: %w", err)
	}
	if !bytes.Equal(got.body, feed.body) || got.etag != feed.etag || got.contentType != feed.contentType ||
		got.contentEncoding != feed.contentEncoding {
		return errors.New("ceiling: the bytes or headers differ from the server's feed")
	}
	return nil
}

// serveCeiling is the ceiling child's main: it serves one file's bytes with
// the given headers on the listener inherited as descriptor 3, and answers a
// matching If-None-Match with 304, until SIGTERM or SIGINT.
func serveCeiling(args []string) error {
	fs := flag.NewFlagSet(ceilingFlag, flag.ContinueOnError)
	file := fs.String(ceilingFlag, "", "file whose bytes to serve")
	etag := fs.String("etag", "", "ETag header")
	ctype := fs.String("type", "", "Content-Type header")
	enc := fs.String("encoding", "", "Content-Encoding header")
	if err := fs.Parse(args); err != nil {
		return err
	}
	body, err := os.ReadFile(*file)
	if err != nil {
		return err
	}
	ln, err := net.FileListener(os.NewFile(3, "listener"))
	if err != nil {
		return fmt.Errorf("inherited listener: %w", err)
	}
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", *ctype)
		if *enc != "" {
			w.Header().Set("Content-Encoding", *enc)
		}
		w.Header().Set("ETag", *etag)
		if r.Header.Get("If-None-Match") == *etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = w.Write(body)
	})}
	return serveUntilSignal(srv, ln)
}

// serveUntilSignal serves srv on ln until SIGTERM or SIGINT.
func serveUntilSignal(srv *http.Server, ln net.Listener) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
