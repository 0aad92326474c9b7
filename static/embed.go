// SPDX-License-Identifier: AGPL-3.0-or-later

// Package static embeds the style sheet, the page script and images.
package static

import "embed"

// FS holds css/, js/ and img/.
//
//go:embed css js img
var FS embed.FS
