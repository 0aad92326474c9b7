// SPDX-License-Identifier: AGPL-3.0-or-later

package store

import (
	"database/sql"

	"gorm.io/gorm"

	"github.com/nordcal/nordcal/internal/calendar"
	"github.com/nordcal/nordcal/internal/lang"
)

// Loading events is most of what a cold feed costs. gorm's Find scans
// through reflection with several allocations per column and row; the
// event lists are therefore read with database/sql's Scan straight into
// preallocated rows, the few-valued columns (status, language, zone,
// category …) shared through an intern table instead of one string per
// row, and the search and facet texts and span_days, which only queries read, left in
// the database. BenchmarkListEvents1000 measures it.

// eventColumns are the columns scanEvents reads, in its order.
const eventColumns = `events.id, events.uid, events.status, events.sequence, events.original_lang, events.all_day,
	events.start_at, events.end_at, events.start_day, events.end_day, events.zone, events.venue, events.address,
	events.city, events.country, events.attendance, events.online_url, events.category, events.audience,
	events.languages, events.registration_url, events.registration_deadline, events.contact_email,
	events.public_url, events.version, events.created_at, events.updated_at, events.rrule, events.rdates, events.exdates,
	events.series_id, events.recurrence_key, events.overridden`

// interner shares the strings of columns that hold a few values in many
// rows; a lookup with a converted []byte does not allocate.
type interner map[string]string

func (in interner) of(b sql.RawBytes) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	in[s] = s
	return s
}

// scanEvents runs tx (a query on events without a Select) and scans its
// rows; limit sizes the result when known.
func scanEvents(tx *gorm.DB, limit int) ([]eventRow, error) {
	rows, err := tx.Select(eventColumns).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]eventRow, 0, min(max(limit, 64), 5000))
	in := interner{}
	var status, olang, zone, city, country, attendance, category, audience, languages sql.RawBytes
	var startDay, endDay sql.RawBytes
	for rows.Next() {
		out = append(out, eventRow{})
		r := &out[len(out)-1]
		if err := rows.Scan(&r.ID, &r.UID, &status, &r.Sequence, &olang, &r.AllDay, &r.StartAt, &r.EndAt, &startDay, &endDay,
			&zone, &r.Venue, &r.Address, &city, &country, &attendance, &r.OnlineURL, &category, &audience, &languages,
			&r.RegistrationURL, &r.RegistrationDeadline, &r.ContactEmail, &r.PublicURL, &r.Version, &r.CreatedAt, &r.UpdatedAt,
			&r.Rrule, &r.Rdates, &r.Exdates, &r.SeriesID, &r.RecurrenceKey, &r.Overridden); err != nil {
			return nil, err
		}
		r.Status, r.OriginalLang, r.Zone, r.City, r.Country = in.of(status), in.of(olang), in.of(zone), in.of(city), in.of(country)
		r.Attendance, r.Category, r.Audience, r.Languages = in.of(attendance), in.of(category), in.of(audience), in.of(languages)
		// Only whole-day events read their days (fromRow).
		if r.AllDay {
			r.StartDay, r.EndDay = string(startDay), string(endDay)
		}
	}
	return out, rows.Err()
}

// langOf is the code of a stored language without a string per row.
func langOf(b sql.RawBytes) lang.Code {
	for _, l := range lang.All {
		if string(l) == string(b) {
			return l
		}
	}
	return lang.Code(b)
}

// topicOf is the stored topic without a string per row.
func topicOf(b sql.RawBytes) calendar.Topic {
	for _, t := range calendar.Topics {
		if string(t) == string(b) {
			return t
		}
	}
	return calendar.Topic(b)
}

// loadTexts puts the texts of the events with ids into out (index gives
// an event's position).
func loadTexts(tx *gorm.DB, ids []int64, out []calendar.Event, index map[int64]int) error {
	var raw sql.RawBytes
	var t eventTextRow
	return scanRows(tx.Raw("SELECT event_id, lang, title, description FROM event_texts WHERE event_id IN ?", ids),
		func(rows *sql.Rows) error {
			if err := rows.Scan(&t.EventID, &raw, &t.Title, &t.Description); err != nil {
				return err
			}
			out[index[t.EventID]].Texts[langOf(raw)] = calendar.Text{Title: t.Title, Description: t.Description}
			return nil
		})
}

// loadTopics appends the topics of the events with ids, in code order.
func loadTopics(tx *gorm.DB, ids []int64, out []calendar.Event, index map[int64]int) error {
	var raw sql.RawBytes
	var id int64
	return scanRows(tx.Raw("SELECT event_id, topic FROM event_topics WHERE event_id IN ? ORDER BY topic", ids),
		func(rows *sql.Rows) error {
			if err := rows.Scan(&id, &raw); err != nil {
				return err
			}
			e := &out[index[id]]
			e.Topics = append(e.Topics, topicOf(raw))
			return nil
		})
}

// loadLinks appends the organiser links (in position order) and network
// links of the events with ids.
func loadLinks(tx *gorm.DB, ids []int64, links []eventOrganiserRow, nets []eventNetworkRow) ([]eventOrganiserRow, []eventNetworkRow, error) {
	var l eventOrganiserRow
	err := scanRows(tx.Raw("SELECT event_id, organisation_id, position FROM event_organisers WHERE event_id IN ? ORDER BY event_id, position", ids),
		func(rows *sql.Rows) error {
			if err := rows.Scan(&l.EventID, &l.OrganisationID, &l.Position); err != nil {
				return err
			}
			links = append(links, l)
			return nil
		})
	if err != nil {
		return nil, nil, err
	}
	var n eventNetworkRow
	err = scanRows(tx.Raw("SELECT event_id, network_id FROM event_networks WHERE event_id IN ?", ids),
		func(rows *sql.Rows) error {
			if err := rows.Scan(&n.EventID, &n.NetworkID); err != nil {
				return err
			}
			nets = append(nets, n)
			return nil
		})
	return links, nets, err
}
