// SPDX-License-Identifier: AGPL-3.0-or-later

package calendar

// PendingQuota caps the public submissions awaiting moderation. The store
// enforces it inside the transaction that writes them (see EventChange),
// so concurrent requests cannot overshoot it.
type PendingQuota struct {
	// PerSubmitter caps those from one e-mail address (case-insensitive).
	PerSubmitter int
	// PerAddress caps those sent from one network address (see
	// Submission.Addr); submissions without an address are not counted.
	PerAddress int
	// Total is the ceiling on everything pending: above it new public
	// submissions wait until the secretariat has worked through the queue.
	// Zero means no ceiling.
	Total int
}

// Messages of a refused quota, all RateLimited.
const (
	MsgTooManyPending        = "submit.too_many_pending"
	MsgTooManyPendingNetwork = "submit.too_many_pending_network"
	MsgQueueFull             = "submit.queue_full"
)

// DefaultPendingCeiling is the ceiling on pending submissions when the
// service is given none.
const DefaultPendingCeiling = 500

// WithPendingCeiling sets the ceiling on pending submissions (see
// PendingQuota.Total); n <= 0 keeps DefaultPendingCeiling.
func WithPendingCeiling(n int) Option {
	return func(s *Service) {
		if n > 0 {
			s.ceiling = n
		}
	}
}

// PendingCeiling returns the ceiling on pending submissions.
func (s *Service) PendingCeiling() int { return s.ceiling }

// quota is what a public submission is saved under: one cap per submitter
// and per address, whether it comes from the form, an import or a
// resubmission, and the service's ceiling.
func (s *Service) quota() *PendingQuota {
	return &PendingQuota{PerSubmitter: MaxPendingPerEmail, PerAddress: MaxPendingPerAddress, Total: s.ceiling}
}
