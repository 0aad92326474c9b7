// SPDX-License-Identifier: AGPL-3.0-or-later

package auth

import (
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

// totpPeriod is the TOTP time step (RFC 6238 default, what every
// authenticator app uses).
const totpPeriod = 30

// matchTOTP checks code against secret at at, allowing one step of clock
// drift either way, and returns the time step it matched. The caller
// accepts a step only once (ASVS 2.8.4): see Store.UseTOTPStep.
func matchTOTP(secret, code string, at time.Time) (step int64, ok bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(code) != 6 {
		return 0, false
	}
	now := at.Unix() / totpPeriod
	for _, s := range []int64{now, now - 1, now + 1} {
		if s < 0 {
			continue
		}
		if ok, err := hotp.ValidateCustom(code, uint64(s), secret, hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}); err == nil && ok {
			return s, true
		}
	}
	return 0, false
}
