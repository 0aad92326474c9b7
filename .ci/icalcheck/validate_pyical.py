# SPDX-License-Identifier: AGPL-3.0-or-later
"""validate_pyical: checks an iCalendar file with python-icalendar (Debian's
python3-icalendar), the library under many Python calendar tools.

    /usr/bin/python3 validate_pyical.py FILE

It reports the parse errors python-icalendar collects on each component,
and checks CRLF line ends, control characters in values, UID/DTSTAMP/DTSTART
per VEVENT, a VTIMEZONE for every TZID, DTEND after DTSTART and the STATUS
value. Each VTIMEZONE is turned into a time zone by python-icalendar (with
dateutil expanding its rules) and compared, every hour through the years of
the times that use it, with the zone of the same name in Python's zoneinfo
(the system tzdata). Exits 1 when there is any problem.
"""

import datetime
import re
import sys
import zoneinfo

from icalendar import Calendar

STATUSES = {"TENTATIVE", "CONFIRMED", "CANCELLED"}
# Controls other than TAB and LF (an unescaped \n), DEL and C1.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def main(path):
    errors = []
    problem = errors.append
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problem("not valid UTF-8: %s" % e)
        text = raw.decode("utf-8", "replace")
    for m in re.finditer(r"\r(?!\n)|(?<!\r)\n", text):
        line = text.count("\n", 0, m.start()) + 1
        problem("line %d: %s" % (line, "bare CR" if m.group() == "\r" else "LF without CR"))
    if not text.endswith("\r\n"):
        problem("the file does not end with CRLF")

    try:
        cal = Calendar.from_ical(raw)
    except Exception as e:  # the parser raises ValueError and friends
        problem("python-icalendar cannot parse the file: %s" % e)
        return report(errors, 0)

    for comp in cal.walk():
        for prop, msg in getattr(comp, "errors", []):
            problem("%s %s: %s" % (comp.name, prop, msg))
    for name in ("VERSION", "PRODID"):
        if isinstance(cal.get(name), list) or name not in cal:
            problem("VCALENDAR needs exactly one %s" % name)

    zones = {}
    for vtz in cal.walk("VTIMEZONE"):
        tzid = str(vtz.get("TZID", ""))
        if not tzid:
            problem("VTIMEZONE without TZID")
            continue
        if tzid in zones:
            problem("two VTIMEZONEs for %s" % tzid)
        if not vtz.subcomponents:
            problem("VTIMEZONE %s has no STANDARD or DAYLIGHT" % tzid)
        zones[tzid] = vtz
    years = {}  # tzid -> [first, last] year of the times using it

    def check_props(comp, where):
        for name, values in comp.items():
            for v in values if isinstance(values, list) else [values]:
                params = getattr(v, "params", {}) or {}
                tzid = params.get("TZID")
                if tzid is not None:
                    if tzid not in zones:
                        problem("%s %s: TZID=%s has no VTIMEZONE" % (where, name, tzid))
                    elif hasattr(v, "dt") and isinstance(v.dt, datetime.datetime):
                        span = years.setdefault(tzid, [v.dt.year, v.dt.year])
                        span[0], span[1] = min(span[0], v.dt.year), max(span[1], v.dt.year)
                for pv in params.values():
                    if isinstance(pv, str) and CONTROL.search(pv):
                        problem("%s %s: control character in a parameter" % (where, name))
                if isinstance(v, str) and CONTROL.search(v):
                    problem("%s %s: control character in the value" % (where, name))

    check_props(cal, "VCALENDAR")
    n = 0
    for ev in cal.walk("VEVENT"):
        n += 1
        uid = ev.get("UID")
        where = "VEVENT %d (%s)" % (n, uid if uid is not None and not isinstance(uid, list) else "no UID")
        for name in ("UID", "DTSTAMP", "DTSTART"):
            if name not in ev or isinstance(ev.get(name), list):
                problem("%s: want exactly one %s" % (where, name))
        check_props(ev, where)
        status = ev.get("STATUS")
        if status is not None and str(status) not in STATUSES:
            problem("%s: STATUS %s is not TENTATIVE, CONFIRMED or CANCELLED" % (where, status))
        if "DTSTART" not in ev or isinstance(ev.get("DTSTART"), list):
            continue
        try:
            start = ev.decoded("DTSTART")
            end = ev.decoded("DTEND") if "DTEND" in ev else None
        except Exception as e:
            problem("%s: DTSTART or DTEND cannot be read: %s" % (where, e))
            continue
        if end is not None:
            if isinstance(start, datetime.datetime) != isinstance(end, datetime.datetime):
                problem("%s: DTSTART and DTEND are not both dates or both date-times" % where)
            elif isinstance(start, datetime.datetime) and (start.tzinfo is None) != (end.tzinfo is None):
                problem("%s: one of DTSTART and DTEND is floating" % where)
            elif end <= start:
                problem("%s: DTEND %s is not after DTSTART %s" % (where, end, start))
        print("ok %s | %s | %s -> %s | %s" % (uid, ev.get("SUMMARY", ""), start, end, status or ""))

    for tzid, (first, last) in sorted(years.items()):
        compare_zone(zones[tzid], tzid, first, last, problem)
    return report(errors, n)


def compare_zone(vtz, tzid, first, last, problem):
    """Compare the VTIMEZONE with zoneinfo hour by hour from first to last."""
    try:
        ours = vtz.to_tz()
    except Exception as e:
        problem("VTIMEZONE %s cannot be used: %s" % (tzid, e))
        return
    try:
        ref = zoneinfo.ZoneInfo(tzid)
    except Exception:
        print("note: zoneinfo has no zone %s to compare with" % tzid)
        return
    utc = datetime.timezone.utc
    t = datetime.datetime(first, 1, 1, tzinfo=utc)
    stop = datetime.datetime(last + 1, 1, 1, tzinfo=utc)
    bad = 0
    while t < stop and bad < 5:
        a, b = t.astimezone(ours).utcoffset(), t.astimezone(ref).utcoffset()
        if a != b:
            problem("VTIMEZONE %s at %s: offset %s, zoneinfo says %s" % (tzid, t.isoformat(), a, b))
            bad += 1
        t += datetime.timedelta(hours=1)
    if not bad:
        print("ok VTIMEZONE %s agrees with zoneinfo %d-%d" % (tzid, first, last))


def report(errors, n):
    for e in errors:
        print("ERROR " + e)
    print("%d VEVENT, %d error(s)" % (n, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: validate_pyical.py FILE", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
