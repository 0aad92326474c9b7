// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// stopGrace is how long a child may take to exit after SIGTERM before it is
// killed; the server's own shutdown timeout is 15 s by default.
const stopGrace = 20 * time.Second

// child is a process this tool started, with its output in a log file.
// Whatever happens, run stops every child before it returns.
type child struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	done    chan struct{} // closed when the process has exited
	waitErr error         // set before done is closed
	once    sync.Once
	stopErr error
}

// startChild starts cmd with its stdout and stderr appended to logPath.
func startChild(name string, cmd *exec.Cmd, logPath string) (*child, error) {
	f, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	defer f.Close() // the child has its own descriptor
	cmd.Stdout, cmd.Stderr = f, f
	cmd.SysProcAttr = childAttr()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, logPath: logPath, done: make(chan struct{})}
	go func() {
		c.waitErr = cmd.Wait()
		close(c.done)
	}()
	return c, nil
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// exited reports whether the process has ended.
func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// failure describes a child that ended on its own, with the end of its log.
func (c *child) failure() error {
	if !c.exited() {
		return nil
	}
	return fmt.Errorf("%s exited unexpectedly (%v); end of %s:\n%s", c.name, c.waitErr, c.logPath, c.tail(20))
}

// stop sends SIGTERM, waits for the exit and kills the process if it takes
// longer than stopGrace. It is safe to call more than once; every call
// returns the first call's result.
func (c *child) stop() error {
	c.once.Do(func() {
		if c.exited() {
			c.stopErr = c.failure()
			return
		}
		_ = c.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-c.done:
			if c.waitErr != nil {
				c.stopErr = fmt.Errorf("%s after SIGTERM: %v; end of %s:\n%s", c.name, c.waitErr, c.logPath, c.tail(20))
			}
		case <-time.After(stopGrace):
			_ = c.cmd.Process.Kill()
			<-c.done
			c.stopErr = fmt.Errorf("%s did not exit within %s of SIGTERM and was killed", c.name, stopGrace)
		}
	})
	return c.stopErr
}

// tail returns the last n lines of the child's log.
func (c *child) tail(n int) string {
	b, err := os.ReadFile(c.logPath)
	if err != nil {
		return err.Error()
	}
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
