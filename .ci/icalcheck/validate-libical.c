// SPDX-License-Identifier: AGPL-3.0-or-later
//
// validate-libical: checks an iCalendar file with libical, the C library
// under Evolution, KDE and (historically) Thunderbird.
//
//   icalvalidate FILE
//
// It reports what libical's parser flags (X-LIC-ERROR), the RFC 5546
// restrictions of the file's METHOD (icalrestriction_check), and the rules
// nordcal's feeds must keep: CRLF line ends and no bare CR, no control
// characters in values, one UID, DTSTAMP and DTSTART per VEVENT, a
// VTIMEZONE for every TZID, DTEND after DTSTART, a known STATUS. Each
// VTIMEZONE is also compared with libical's own zone of the same name,
// every hour through the years of the times that use it. Prints one line per problem and a
// summary; exits 1 when there is any problem.

#include <libical/ical.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int errors;

static void problem(const char *fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	fputs("ERROR ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	va_end(ap);
	errors++;
}

static char *read_file(const char *path, size_t *len) {
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	size_t r;
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap + 1);
		}
	}
	fclose(f);
	if (!buf) {
		fputs("out of memory\n", stderr);
		exit(2);
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

// check_bytes: CRLF line ends only, no NUL (libical would stop there).
static void check_bytes(const char *buf, size_t len) {
	int line = 1;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == 0) {
			problem("line %d: NUL byte", line);
		} else if (buf[i] == '\r' && (i + 1 == len || buf[i + 1] != '\n')) {
			problem("line %d: bare CR", line);
		} else if (buf[i] == '\n') {
			if (i == 0 || buf[i - 1] != '\r')
				problem("line %d: LF without CR", line);
			line++;
		}
	}
	if (len < 2 || buf[len - 2] != '\r' || buf[len - 1] != '\n')
		problem("the file does not end with CRLF");
}

// has_control reports C0 controls other than TAB and LF (an escaped \n may
// be unescaped), DEL and C1 controls (U+0080-U+009F as UTF-8).
static int has_control(const char *s) {
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
			return 1;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 1;
	}
	return 0;
}

static void report_lic_errors(icalcomponent *c) {
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
		problem("%s: libical: %s", icalcomponent_kind_to_string(icalcomponent_isa(c)), icalproperty_get_xlicerror(p));
	for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
	     s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		report_lic_errors(s);
}

// The file's VTIMEZONEs, with the years of the times that use each.
#define MAX_ZONES 64
static struct zone {
	const char *tzid;
	int first, last; // 0 when no time uses the zone
} zones[MAX_ZONES];
static int nzones;

static struct zone *declared(const char *tzid) {
	for (int i = 0; i < nzones; i++)
		if (strcmp(zones[i].tzid, tzid) == 0)
			return &zones[i];
	return NULL;
}

// check_values walks every property of c (and, with recurse, of its
// sub-components) for control characters and TZIDs without VTIMEZONE. It
// must not call anything that moves c's property iterator.
static void check_values(icalcomponent *c, const char *where, int recurse) {
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_ANY_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_ANY_PROPERTY)) {
		const char *name = icalproperty_get_property_name(p);
		const char *v = icalproperty_get_value_as_string(p);
		if (v && has_control(v))
			problem("%s %s: control character in the value", where, name);
		for (icalparameter *par = icalproperty_get_first_parameter(p, ICAL_ANY_PARAMETER); par;
		     par = icalproperty_get_next_parameter(p, ICAL_ANY_PARAMETER)) {
			const char *pv = icalparameter_as_ical_string(par);
			if (pv && has_control(pv))
				problem("%s %s: control character in a parameter", where, name);
		}
		icalparameter *tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
		if (!tz)
			continue;
		struct zone *z = declared(icalparameter_get_tzid(tz));
		if (!z) {
			problem("%s %s: TZID=%s has no VTIMEZONE", where, name, icalparameter_get_tzid(tz));
			continue;
		}
		icalvalue *val = icalproperty_get_value(p);
		if (val && icalvalue_isa(val) == ICAL_DATETIME_VALUE) {
			int y = icalvalue_get_datetime(val).year;
			if (!z->first || y < z->first)
				z->first = y;
			if (y > z->last)
				z->last = y;
		}
	}
	if (!recurse)
		return;
	for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
	     s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		check_values(s, where, 1);
}

static void check_event(icalcomponent *ev, int n) {
	char where[300];
	// Counting does not use the property iterator; reading the UID does,
	// so it comes before any property loop.
	int uids = icalcomponent_count_properties(ev, ICAL_UID_PROPERTY);
	const char *uid = uids ? icalcomponent_get_uid(ev) : NULL;
	snprintf(where, sizeof where, "VEVENT %d (%s)", n, uid ? uid : "no UID");
	if (uids != 1)
		problem("%s: %d UID properties, want 1", where, uids);
	int stamps = icalcomponent_count_properties(ev, ICAL_DTSTAMP_PROPERTY);
	if (stamps != 1)
		problem("%s: %d DTSTAMP properties, want 1", where, stamps);
	if (icalcomponent_count_properties(ev, ICAL_DTSTART_PROPERTY) != 1)
		problem("%s: want exactly one DTSTART", where);

	icalproperty *st = icalcomponent_get_first_property(ev, ICAL_STATUS_PROPERTY);
	if (st) {
		const char *s = icalproperty_get_value_as_string(st);
		if (!s || (strcmp(s, "TENTATIVE") && strcmp(s, "CONFIRMED") && strcmp(s, "CANCELLED")))
			problem("%s: STATUS %s is not TENTATIVE, CONFIRMED or CANCELLED", where, s ? s : "(none)");
	}

	icalproperty *endp = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
	if (endp && icalcomponent_count_properties(ev, ICAL_DTSTART_PROPERTY) == 1) {
		struct icaltimetype start = icalcomponent_get_dtstart(ev);
		struct icaltimetype end = icalcomponent_get_dtend(ev);
		if (icaltime_is_null_time(start) || icaltime_is_null_time(end) || !icaltime_is_valid_time(start) ||
		    !icaltime_is_valid_time(end))
			problem("%s: DTSTART or DTEND cannot be read", where);
		else if (icaltime_compare(end, start) <= 0)
			problem("%s: DTEND %s is not after DTSTART %s", where, icaltime_as_ical_string(end),
				icaltime_as_ical_string(start));
		else
			printf("ok %s %s -> %s\n", where, icaltime_as_ical_string(start), icaltime_as_ical_string(end));
	}
	check_values(ev, where, 1);
}

// compare_zone checks the file's VTIMEZONE against libical's own zone,
// every hour through the years its times fall in: the VTIMEZONE of
// a feed only has to be right for the events it carries.
static void compare_zone(icalcomponent *root, struct zone *z) {
	const char *tzid = z->tzid;
	if (!z->first) {
		printf("note: no time uses VTIMEZONE %s\n", tzid);
		return;
	}
	icaltimezone *ours = icalcomponent_get_timezone(root, tzid);
	icaltimezone *ref = icaltimezone_get_builtin_timezone(tzid);
	if (!ours) {
		problem("VTIMEZONE %s: libical cannot use it", tzid);
		return;
	}
	if (!ref) {
		printf("note: libical has no zone %s to compare with\n", tzid);
		return;
	}
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	int bad = 0;
	struct icaltimetype from = icaltime_null_time(), to = icaltime_null_time();
	from.year = z->first, from.month = 1, from.day = 1, from.zone = utc;
	to.year = z->last + 1, to.month = 1, to.day = 1, to.zone = utc;
	time_t end = icaltime_as_timet_with_zone(to, utc);
	for (time_t t = icaltime_as_timet_with_zone(from, utc); t < end && bad < 5; t += 3600) {
		struct icaltimetype u = icaltime_from_timet_with_zone(t, 0, utc);
		int dst1, dst2;
		struct icaltimetype a = u, b = u;
		int o1 = icaltimezone_get_utc_offset_of_utc_time(ours, &a, &dst1);
		int o2 = icaltimezone_get_utc_offset_of_utc_time(ref, &b, &dst2);
		if (o1 != o2) {
			problem("VTIMEZONE %s at %s UTC: offset %d s, libical's zone says %d s", tzid, icaltime_as_ical_string(u),
				o1, o2);
			bad++;
		}
	}
	if (!bad)
		printf("ok VTIMEZONE %s agrees with libical's zone %d-%d\n", tzid, z->first, z->last);
}

int main(int argc, char **argv) {
	if (argc != 2) {
		fputs("usage: icalvalidate FILE\n", stderr);
		return 2;
	}
	size_t len;
	char *buf = read_file(argv[1], &len);
	check_bytes(buf, len);

	icalcomponent *root = icalparser_parse_string(buf);
	if (!root || icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
		problem("not one VCALENDAR");
		printf("%d error(s)\n", errors);
		return 1;
	}
	report_lic_errors(root);
	if (!icalrestriction_check(root))
		puts("note: icalrestriction_check failed");
	// icalrestriction_check adds X-LIC-ERRORs of its own to the components
	// that break the rules of the METHOD.
	for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_ANY_COMPONENT); c;
	     c = icalcomponent_get_next_component(root, ICAL_ANY_COMPONENT)) {
		for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
		     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
			const char *e = icalproperty_get_xlicerror(p);
			if (strstr(e, "restriction"))
				problem("%s: %s", icalcomponent_kind_to_string(icalcomponent_isa(c)), e);
		}
	}
	for (icalproperty *p = icalcomponent_get_first_property(root, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(root, ICAL_XLICERROR_PROPERTY)) {
		const char *e = icalproperty_get_xlicerror(p);
		if (strstr(e, "restriction"))
			problem("VCALENDAR: %s", e);
	}

	if (icalcomponent_count_properties(root, ICAL_VERSION_PROPERTY) != 1 ||
	    icalcomponent_count_properties(root, ICAL_PRODID_PROPERTY) != 1)
		problem("VCALENDAR needs exactly one VERSION and one PRODID");

	for (icalcomponent *z = icalcomponent_get_first_component(root, ICAL_VTIMEZONE_COMPONENT); z;
	     z = icalcomponent_get_next_component(root, ICAL_VTIMEZONE_COMPONENT)) {
		icalproperty *id = icalcomponent_get_first_property(z, ICAL_TZID_PROPERTY);
		if (!id) {
			problem("VTIMEZONE without TZID");
			continue;
		}
		const char *tzid = icalproperty_get_tzid(id);
		if (declared(tzid))
			problem("two VTIMEZONEs for %s", tzid);
		else if (nzones < MAX_ZONES)
			zones[nzones++].tzid = tzid;
		if (icalcomponent_count_components(z, ICAL_XSTANDARD_COMPONENT) +
			icalcomponent_count_components(z, ICAL_XDAYLIGHT_COMPONENT) ==
		    0)
			problem("VTIMEZONE %s has no STANDARD or DAYLIGHT", tzid);
	}

	int n = 0;
	for (icalcomponent *ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT))
		check_event(ev, ++n);
	check_values(root, "VCALENDAR", 0);
	for (icalcomponent *z = icalcomponent_get_first_component(root, ICAL_VTIMEZONE_COMPONENT); z;
	     z = icalcomponent_get_next_component(root, ICAL_VTIMEZONE_COMPONENT))
		check_values(z, "VTIMEZONE", 1);
	for (int i = 0; i < nzones; i++)
		compare_zone(root, &zones[i]);

	printf("%d VEVENT, %d error(s)\n", n, errors);
	icalcomponent_free(root);
	free(buf);
	return errors ? 1 : 0;
}
