// SPDX-License-Identifier: AGPL-3.0-or-later

package web

// PublicAddr exposes publicAddr to the tests.
var PublicAddr = publicAddr
