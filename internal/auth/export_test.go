// SPDX-License-Identifier: AGPL-3.0-or-later

package auth

// SetHashHook makes every argon2id run of s call f first, while it holds
// its slot, so tests can keep slots taken.
func SetHashHook(s *Service, f func()) { s.gate.hook = f }
