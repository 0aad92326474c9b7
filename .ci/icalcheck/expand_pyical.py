# SPDX-License-Identifier: AGPL-3.0-or-later
"""expand_pyical: prints the dates of every series in an iCalendar file as
python-recurring-ical-events (Debian, on python-icalendar and dateutil)
expands them, overrides (RECURRENCE-ID) and EXDATEs applied:
    /usr/bin/python3 expand_pyical.py FILE FROM TO
FROM and TO are UTC instants (20260101T000000Z). One line per date
starting in [FROM, TO): "UID START [CANCELLED]", START in UTC
(20270202T090000Z) or a day (20261018) for whole-day series; sorted."""

import datetime
import sys

import icalendar
import recurring_ical_events


def main():
    if len(sys.argv) != 4:
        print("usage: expand_pyical.py FILE FROM TO", file=sys.stderr)
        return 2
    path, start, end = sys.argv[1:]
    utc = datetime.timezone.utc
    parse = lambda s: datetime.datetime.strptime(s, "%Y%m%dT%H%M%SZ").replace(tzinfo=utc)
    lo, hi = parse(start), parse(end)
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    series = {str(c["UID"]) for c in cal.walk("VEVENT")
              if "RECURRENCE-ID" not in c and ("RRULE" in c or "RDATE" in c)}
    lines = []
    # recurring_ical_events leaves out nothing for STATUS:CANCELLED; the
    # window is of whole days for dates, so it is cut again below.
    for ev in recurring_ical_events.of(cal).between(lo - datetime.timedelta(days=2), hi + datetime.timedelta(days=2)):
        uid = str(ev["UID"])
        if uid not in series:
            continue
        d = ev["DTSTART"].dt
        if isinstance(d, datetime.datetime):
            at = d.astimezone(utc)
            text = at.strftime("%Y%m%dT%H%M%SZ")
        else:
            at = datetime.datetime(d.year, d.month, d.day, tzinfo=utc)
            text = d.strftime("%Y%m%d")
        if not lo <= at < hi:
            continue
        cancelled = str(ev.get("STATUS", "")).upper() == "CANCELLED"
        lines.append(uid + " " + text + (" CANCELLED" if cancelled else ""))
    for line in sorted(lines):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
