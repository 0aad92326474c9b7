// SPDX-License-Identifier: AGPL-3.0-or-later

// Package locales embeds the translation files: en.json is the reference,
// fi, sv, da and no must have every key it has.
package locales

import "embed"

// FS holds en.json, fi.json, sv.json, da.json and no.json.
//
//go:embed *.json
var FS embed.FS
