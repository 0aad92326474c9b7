// SPDX-License-Identifier: AGPL-3.0-or-later

package holiday

import "github.com/rickar/cal/v2"

// NameIDOf exposes the variable-to-NameID mapping to the external tests.
func NameIDOf(h *cal.Holiday) (string, bool) {
	id, ok := nameIDs[h]
	return id, ok
}
