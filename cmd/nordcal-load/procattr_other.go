// SPDX-License-Identifier: AGPL-3.0-or-later

//go:build !linux

package main

import "syscall"

// childAttr leaves a child in this tool's process group: a Ctrl-C reaches
// both, and this tool also stops the child on its way out.
func childAttr() *syscall.SysProcAttr { return nil }
