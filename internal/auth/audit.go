// SPDX-License-Identifier: AGPL-3.0-or-later

package auth

import (
	"strconv"

	"github.com/nordcal/nordcal/internal/audit"
)

// fields is what the audit trail compares; secrets are never recorded.
func (u User) fields() map[string]string {
	totp := "off"
	if u.TOTPSecret != "" {
		totp = "on"
	}
	return map[string]string{"email": u.Email, "name": u.Name, "role": string(u.Role),
		"disabled": strconv.FormatBool(u.Disabled), "second_factor": totp}
}

func entry(actor audit.Actor, action string, before, after User) audit.Entry {
	e := audit.Entry{Actor: actor, Action: action, RecordType: "user", RecordID: after.ID, RecordLabel: after.Email,
		Changes: audit.Diff(before.fields(), after.fields())}
	if action == audit.UserPasswordChange || action == audit.UserPasswordReset {
		e.Changes = append(e.Changes, audit.Change{Field: "password", Before: "•••", After: "•••"})
	}
	return e
}
