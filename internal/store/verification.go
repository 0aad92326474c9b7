// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/apperr"
	"github.com/nordcal/nordcal/internal/audit"
	"github.com/nordcal/nordcal/internal/directory"
	"github.com/nordcal/nordcal/internal/lang"
)

type campaignRow struct {
	ID        int64
	Selection string
	Lang      string
	CreatedBy string
	Sent      int
	CreatedAt time.Time
}

func (campaignRow) TableName() string { return "verification_campaigns" }

type verificationLinkRow struct {
	ID         int64
	CampaignID *int64
	PersonID   int64
	TokenHash  string
	Lang       string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	UsedAt     *time.Time
}

func (verificationLinkRow) TableName() string { return "verification_links" }

type proposalRow struct {
	ID            int64
	RecordType    string
	RecordID      int64
	RecordLabel   string
	Kind          string
	Source        string
	Changes       string
	Note          string
	ProposerEmail string
	State         string
	DecidedBy     string
	DecidedAt     *time.Time
	CreatedAt     time.Time
}

func (proposalRow) TableName() string { return "directory_proposals" }

// CreateCampaign stores c and its links in one transaction.
func (db *DB) CreateCampaign(ctx context.Context, c *directory.Campaign, links []directory.VerificationLink) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row := campaignRow{Selection: c.Selection, Lang: string(c.Lang), CreatedBy: c.CreatedBy, Sent: len(links), CreatedAt: c.CreatedAt}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		for i := range links {
			l := &links[i]
			r := verificationLinkRow{CampaignID: &row.ID, PersonID: l.PersonID, TokenHash: l.TokenHash, Lang: string(l.Lang),
				CreatedAt: l.CreatedAt, ExpiresAt: l.ExpiresAt}
			if err := tx.Create(&r).Error; err != nil {
				return err
			}
			l.ID, l.CampaignID = r.ID, &row.ID
		}
		c.ID = row.ID
		return nil
	}), "error.not_found")
}

// ListCampaigns returns the latest campaigns, newest first.
func (db *DB) ListCampaigns(ctx context.Context, limit int) ([]directory.Campaign, error) {
	var rows []campaignRow
	if err := db.gorm.WithContext(ctx).Order("created_at DESC, id DESC").Limit(limit).Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	out := make([]directory.Campaign, len(rows))
	for i, r := range rows {
		out[i] = directory.Campaign{ID: r.ID, Selection: r.Selection, Lang: lang.Code(r.Lang), CreatedBy: r.CreatedBy,
			Sent: r.Sent, CreatedAt: r.CreatedAt.UTC()}
	}
	return out, nil
}

// LinkByHash returns the verification link with the token hash.
func (db *DB) LinkByHash(ctx context.Context, hash string) (directory.VerificationLink, error) {
	var r verificationLinkRow
	if err := db.gorm.WithContext(ctx).Where("token_hash = ?", hash).Take(&r).Error; err != nil {
		return directory.VerificationLink{}, mapErr(err, "error.not_found")
	}
	l := directory.VerificationLink{ID: r.ID, CampaignID: r.CampaignID, PersonID: r.PersonID, TokenHash: r.TokenHash,
		Lang: lang.Code(r.Lang), CreatedAt: r.CreatedAt.UTC(), ExpiresAt: r.ExpiresAt.UTC()}
	if r.UsedAt != nil {
		l.UsedAt = r.UsedAt.UTC()
	}
	return l, nil
}

// UseLink marks the link used and stores what its use changed, at once.
func (db *DB) UseLink(ctx context.Context, id int64, at time.Time, p *directory.Person, e *audit.Entry, prop *directory.Proposal) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&verificationLinkRow{}).Where("id = ? AND used_at IS NULL", id).Update("used_at", at.UTC())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.New(apperr.Conflict, "verify.link.used")
		}
		if p != nil {
			if err := db.updatePerson(tx, p, *e); err != nil {
				return err
			}
		}
		if prop != nil {
			return createProposal(tx, prop)
		}
		return nil
	}), "error.not_found")
}

func createProposal(tx *gorm.DB, p *directory.Proposal) error {
	changes, err := json.Marshal(p.Changes)
	if err != nil {
		return err
	}
	if p.Changes == nil {
		changes = []byte("[]")
	}
	r := proposalRow{RecordType: p.RecordType, RecordID: p.RecordID, RecordLabel: p.RecordLabel, Kind: string(p.Kind),
		Source: p.Source, Changes: string(changes), Note: p.Note, ProposerEmail: p.ProposerEmail,
		State: string(directory.ProposalPending), CreatedAt: p.CreatedAt}
	if err := tx.Create(&r).Error; err != nil {
		return err
	}
	p.ID, p.State = r.ID, directory.ProposalPending
	return nil
}

// CreateProposal stores p.
func (db *DB) CreateProposal(ctx context.Context, p *directory.Proposal) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error { return createProposal(tx, p) }), "error.not_found")
}

func (r proposalRow) proposal() directory.Proposal {
	p := directory.Proposal{ID: r.ID, RecordType: r.RecordType, RecordID: r.RecordID, RecordLabel: r.RecordLabel,
		Kind: directory.ProposalKind(r.Kind), Source: r.Source, Note: r.Note, ProposerEmail: r.ProposerEmail,
		State: directory.ProposalState(r.State), DecidedBy: r.DecidedBy, CreatedAt: r.CreatedAt.UTC()}
	_ = json.Unmarshal([]byte(r.Changes), &p.Changes)
	if r.DecidedAt != nil {
		p.DecidedAt = r.DecidedAt.UTC()
	}
	return p
}

// ListProposals returns the proposals in state, oldest first.
func (db *DB) ListProposals(ctx context.Context, state directory.ProposalState) ([]directory.Proposal, error) {
	var rows []proposalRow
	if err := db.gorm.WithContext(ctx).Where("state = ?", string(state)).Order("created_at, id").Limit(500).Find(&rows).Error; err != nil {
		return nil, mapErr(err, "error.not_found")
	}
	out := make([]directory.Proposal, len(rows))
	for i, r := range rows {
		out[i] = r.proposal()
	}
	return out, nil
}

// ProposalByID returns proposal id or NotFound.
func (db *DB) ProposalByID(ctx context.Context, id int64) (directory.Proposal, error) {
	var r proposalRow
	if err := db.gorm.WithContext(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return directory.Proposal{}, mapErr(err, "error.not_found")
	}
	return r.proposal(), nil
}

var _ directory.Store = (*DB)(nil)

// DecideProposal closes a pending proposal and stores the entry it changed.
func (db *DB) DecideProposal(ctx context.Context, d directory.ProposalDecision) error {
	return mapErr(db.gorm.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		at := d.At.UTC()
		res := tx.Model(&proposalRow{}).Where("id = ? AND state = ?", d.ID, string(directory.ProposalPending)).
			Updates(map[string]any{"state": string(d.State), "decided_by": d.By, "decided_at": at})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.New(apperr.Conflict, "proposal.decided")
		}
		switch {
		case d.Person != nil:
			return db.updatePerson(tx, d.Person, *d.Entry)
		case d.Organisation != nil:
			return db.updateOrganisation(tx, d.Organisation, *d.Entry)
		}
		return nil
	}), "error.not_found")
}
