// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

import (
	"context"
	"strings"
)

// LinkStore finds and renews manage links by the submitter's address.
type LinkStore interface {
	// SubmissionsByEmail returns the submissions sent from email
	// (case-insensitive), newest first, at most limit.
	SubmissionsByEmail(ctx context.Context, email string, limit int) ([]Submission, error)
	// ReplaceTokenHashes stores new manage-token hashes by submission ID in
	// one transaction.
	ReplaceTokenHashes(ctx context.Context, hashes map[int64]string) error
}

// MaxRenewedLinks caps the links one lost-link request renews and mails.
const MaxRenewedLinks = 50

// Renewed is a submission with its new manage token.
type Renewed struct {
	Event      Event
	Submission Submission
	Token      string
}

// RenewLinks gives every submission from email that its manage link can
// still act on (awaiting review, published, tentative, cancelled by the
// submitter, or rejected and open to correction) a new manage token and
// returns them; the old links stop working. Only hashes of tokens are
// stored, so a lost link cannot be sent again: it can only be replaced.
// An unknown address returns nothing and no error.
func (s *Service) RenewLinks(ctx context.Context, email string) ([]Renewed, error) {
	email = strings.TrimSpace(email)
	if !ValidEmail(email) {
		return nil, nil
	}
	subs, err := s.store.SubmissionsByEmail(ctx, email, MaxRenewedLinks)
	if err != nil || len(subs) == 0 {
		return nil, err
	}
	byID, err := s.eventsOf(ctx, subs)
	if err != nil {
		return nil, err
	}
	var out []Renewed
	hashes := map[int64]string{}
	for _, sb := range subs {
		e, ok := byID[sb.EventID]
		if !ok {
			continue
		}
		switch sb.State(e) {
		case StateWithdrawn, StateMerged:
			continue
		case StateCancelled:
			if sb.CancelledBy != CancelledBySubmitter {
				continue
			}
		}
		token := newToken()
		hashes[sb.ID] = HashToken(token)
		sb.TokenHash = hashes[sb.ID]
		out = append(out, Renewed{Event: e, Submission: sb, Token: token})
	}
	if len(out) == 0 {
		return nil, nil
	}
	if err := s.store.ReplaceTokenHashes(ctx, hashes); err != nil {
		return nil, err
	}
	return out, nil
}
