// SPDX-License-Identifier: AGPL-3.0-or-later
//
// expand-libical: prints the dates of every series in an iCalendar file as
// libical expands them (icalcomponent_foreach_recurrence: RRULE and
// EXDATE), each at its override's start when a VEVENT with the same UID
// has its RECURRENCE-ID. libical 3.0's foreach_recurrence reads an RDATE
// with a TZID as UTC (it never looks the zone up), which Evolution, which
// expands with its own code, does not; so the RDATEs are taken out of the
// walk and added here with their TZID resolved, as DTSTART's is:
//   icalexpand FILE FROM TO
// FROM and TO are UTC instants (20260101T000000Z). One line per date
// starting in [FROM, TO): "UID START [CANCELLED]", START in UTC
// (20270202T090000Z) or a day (20261018) for whole-day series; unsorted
// (check.sh sorts).

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static icalcomponent *root;
static const char *uid;
static int all_day;
static time_t from, to;

// instant is the UTC time_t of t, whose TZID is looked up in the file.
static time_t instant(icalproperty *p, struct icaltimetype t) {
	const char *tzid = NULL;
	icalparameter *param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	if (param)
		tzid = icalparameter_get_tzid(param);
	icaltimezone *zone = tzid ? icalcomponent_get_timezone(root, tzid) : NULL;
	if (t.is_date || (!zone && !icaltime_is_utc(t)))
		return icaltime_as_timet_with_zone(t, icaltimezone_get_utc_timezone());
	return icaltime_as_timet_with_zone(t, zone ? zone : icaltimezone_get_utc_timezone());
}

static void print(time_t start, int cancelled) {
	char buf[32];
	struct tm tm;
	gmtime_r(&start, &tm);
	strftime(buf, sizeof buf, all_day ? "%Y%m%d" : "%Y%m%dT%H%M%SZ", &tm);
	printf("%s %s%s\n", uid, buf, cancelled ? " CANCELLED" : "");
}

// override returns the VEVENT of uid whose RECURRENCE-ID is the instant
// (or the day) start, or NULL.
static icalcomponent *override(time_t start) {
	for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); c;
	     c = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
		icalproperty *rid = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
		if (!rid || strcmp(icalcomponent_get_uid(c), uid) != 0)
			continue;
		if (instant(rid, icalproperty_get_recurrenceid(rid)) == start)
			return c;
	}
	return NULL;
}

// date prints the date of the series comp that starts at start.
static void date(icalcomponent *comp, time_t start) {
	icalcomponent *o = override(start);
	int cancelled = icalcomponent_get_status(comp) == ICAL_STATUS_CANCELLED;
	if (o) {
		icalproperty *dt = icalcomponent_get_first_property(o, ICAL_DTSTART_PROPERTY);
		start = instant(dt, icalproperty_get_dtstart(dt));
		cancelled = icalcomponent_get_status(o) == ICAL_STATUS_CANCELLED;
	}
	if (start >= from && start < to)
		print(start, cancelled);
}

static void each(icalcomponent *comp, struct icaltime_span *span, void *data) {
	(void)data;
	date(comp, span->start);
}

// excluded reports whether an EXDATE of comp names the instant start.
static int excluded(icalcomponent *comp, time_t start) {
	for (icalproperty *p = icalcomponent_get_first_property(comp, ICAL_EXDATE_PROPERTY); p;
	     p = icalcomponent_get_next_property(comp, ICAL_EXDATE_PROPERTY))
		if (instant(p, icalproperty_get_exdate(p)) == start)
			return 1;
	return 0;
}

static time_t parse_utc(const char *s) {
	struct icaltimetype t = icaltime_from_string(s);
	return icaltime_as_timet_with_zone(t, icaltimezone_get_utc_timezone());
}

int main(int argc, char **argv) {
	if (argc != 4) {
		fprintf(stderr, "usage: %s FILE FROM TO\n", argv[0]);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	static char text[4 << 20];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = 0;
	root = icalparser_parse_string(text);
	if (!root) {
		fprintf(stderr, "libical cannot parse %s\n", argv[1]);
		return 1;
	}
	from = parse_utc(argv[2]);
	to = parse_utc(argv[3]);
	// Walk a copy of the VEVENTs: the lookups of overrides iterate root.
	int count = icalcomponent_count_components(root, ICAL_VEVENT_COMPONENT);
	icalcomponent **events = calloc((size_t)count + 1, sizeof *events);
	int i = 0;
	for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); c && i < count;
	     c = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT))
		events[i++] = c;
	for (int k = 0; k < i; k++) {
		icalcomponent *c = events[k];
		if (icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY))
			continue;
		if (!icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY) &&
		    !icalcomponent_get_first_property(c, ICAL_RDATE_PROPERTY))
			continue;
		uid = icalcomponent_get_uid(c);
		icalproperty *dt = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
		all_day = icalproperty_get_dtstart(dt).is_date;
		struct icaltimetype lo = icaltime_from_timet_with_zone(from - 2 * 86400, 0, icaltimezone_get_utc_timezone());
		struct icaltimetype hi = icaltime_from_timet_with_zone(to + 2 * 86400, 0, icaltimezone_get_utc_timezone());
		// The rule walked from a copy without RDATEs, in the calendar so
		// that its TZIDs resolve; then the RDATEs.
		icalcomponent *walk = icalcomponent_new_clone(c);
		icalproperty *p;
		while ((p = icalcomponent_get_first_property(walk, ICAL_RDATE_PROPERTY))) {
			icalcomponent_remove_property(walk, p);
			icalproperty_free(p);
		}
		icalcomponent_add_component(root, walk);
		if (icalcomponent_get_first_property(walk, ICAL_RRULE_PROPERTY))
			icalcomponent_foreach_recurrence(walk, lo, hi, each, NULL);
		else
			date(walk, instant(dt, icalproperty_get_dtstart(dt)));
		icalcomponent_remove_component(root, walk);
		icalcomponent_free(walk);
		// Collected first: excluded and override move the component
		// iterators that get_next_property uses.
		int nr = icalcomponent_count_properties(c, ICAL_RDATE_PROPERTY), r = 0;
		time_t *rdates = calloc((size_t)nr + 1, sizeof *rdates);
		for (p = icalcomponent_get_first_property(c, ICAL_RDATE_PROPERTY); p && r < nr;
		     p = icalcomponent_get_next_property(c, ICAL_RDATE_PROPERTY))
			rdates[r++] = instant(p, icalproperty_get_rdate(p).time);
		for (int j = 0; j < r; j++)
			if (!excluded(c, rdates[j]))
				date(c, rdates[j]);
		free(rdates);
	}
	free(events);
	icalcomponent_free(root);
	return 0;
}
