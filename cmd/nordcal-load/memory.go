// SPDX-License-Identifier: AGPL-3.0-or-later

package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// memory is a process's resident size now and at its peak, formatted.
type memory struct{ rss, peak string }

// readMemory reads VmRSS and VmHWM of process pid from /proc (Linux). MB
// here are 2^20 bytes, as /proc, ps and top count them.
func readMemory(pid int) (memory, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}, err
	}
	defer f.Close()
	var m memory
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 64)
		if err != nil {
			return memory{}, fmt.Errorf("/proc/%d/status: %s: %q", pid, key, val)
		}
		s := fmt.Sprintf("%.1f MB", kb/1024)
		if key == "VmRSS" {
			m.rss = s
		} else {
			m.peak = s
		}
	}
	if err := sc.Err(); err != nil {
		return memory{}, err
	}
	if m.rss == "" || m.peak == "" {
		return memory{}, fmt.Errorf("/proc/%d/status has no VmRSS or VmHWM", pid)
	}
	return m, nil
}
