// SPDX-License-Identifier: AGPL-3.0-or-later
//
// expand-nodeical: prints the dates of every series in an iCalendar file as
// node-ical expands them: its rrule with the file's EXDATEs (node-ical's
// exdate) and overrides (its recurrences, keyed by the original start):
//   node expand-nodeical.mjs FILE FROM TO
// FROM and TO are UTC instants (20260101T000000Z). One line per date
// starting in [FROM, TO): "UID START [CANCELLED]", START in UTC
// (20270202T090000Z) or a day (20261018) for whole-day series; sorted.
// node-ical reads RDATE but does not expand it: its values are added here,
// converted with the zone of their TZID.

import { readFileSync } from 'node:fs';
import ical from 'node-ical';

const [file, fromArg, toArg] = process.argv.slice(2);
if (!file || !fromArg || !toArg) {
  console.error('usage: node expand-nodeical.mjs FILE FROM TO');
  process.exit(2);
}
const instant = (s) => Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11) || 0, +s.slice(11, 13) || 0, +s.slice(13, 15) || 0);
const from = instant(fromArg);
const to = instant(toArg);

// zoned is the instant of wall-clock time s (YYYYMMDDTHHMMSS) in zone tz.
const zoned = (s, tz) => {
  const wall = instant(s);
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const offset = (t) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - t;
  };
  let t = wall - offset(wall);
  t = wall - offset(t);
  return t;
};

const pad = (n, w = 2) => String(n).padStart(w, '0');
const text = (d, dateOnly) => dateOnly
  ? `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`
  : d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

const data = ical.sync.parseICS(readFileSync(file, 'utf8'));
const lines = [];
for (const ev of Object.values(data)) {
  if (!ev || ev.type !== 'VEVENT' || ev.recurrenceid || !(ev.rrule || ev.rdate)) continue;
  const dateOnly = ev.datetype === 'date';
  const starts = ev.rrule ? ev.rrule.between(new Date(from - 2 * 86400e3), new Date(to + 2 * 86400e3), true) : [ev.start];
  const rdates = [].concat(ev.rdate || []);
  for (const r of rdates) {
    const tz = r && r.params && r.params.TZID;
    for (const v of String(r && r.val !== undefined ? r.val : r).split(',')) {
      starts.push(new Date(dateOnly || !tz ? instant(v) : zoned(v, tz)));
    }
  }
  const exdates = new Set(Object.keys(ev.exdate || {}));
  const seen = new Set();
  for (const s of starts) {
    const iso = s.toISOString();
    const day = iso.slice(0, 10);
    if (seen.has(iso)) continue;
    seen.add(iso);
    if (exdates.has(iso) || dateOnly && exdates.has(day)) continue;
    const o = (ev.recurrences || {})[iso] || (dateOnly ? (ev.recurrences || {})[day] : undefined);
    const start = o ? o.start : s;
    if (start.getTime() < from || start.getTime() >= to) continue;
    const status = (o || ev).status;
    lines.push(`${ev.uid} ${text(start, dateOnly)}${status === 'CANCELLED' ? ' CANCELLED' : ''}`);
  }
}
lines.sort();
for (const l of lines) console.log(l);
