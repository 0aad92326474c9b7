// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import "syscall"

// childAttr puts a child in its own process group, so a Ctrl-C reaches only
// this tool, which then stops the child in order (SIGTERM, wait). Should
// this tool die without that, the kernel sends the child SIGTERM. (Pdeathsig
// follows the starting OS thread; the Go runtime keeps its threads unless a
// goroutine exits while locked to one, which this tool never does.)
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
