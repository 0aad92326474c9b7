// SPDX-License-Identifier: AGPL-3.0-or-later
//
// expand-icaljs: prints the dates of every series in an iCalendar file as
// ical.js (Thunderbird) expands them, its iterator with the overrides
// (RECURRENCE-ID) related to their series:
//   node expand-icaljs.mjs FILE FROM TO
// FROM and TO are UTC instants (20260101T000000Z). One line per date
// starting in [FROM, TO): "UID START [CANCELLED]", START in UTC
// (20270202T090000Z) or a day (20261018) for whole-day series; sorted.

import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [file, fromArg, toArg] = process.argv.slice(2);
if (!file || !fromArg || !toArg) {
  console.error('usage: node expand-icaljs.mjs FILE FROM TO');
  process.exit(2);
}
const instant = (s) => Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15));
const from = instant(fromArg);
const to = instant(toArg);

const vcal = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
for (const vtz of vcal.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtz), vtz.getFirstPropertyValue('tzid'));
}
const vevents = vcal.getAllSubcomponents('vevent');
const masters = new Map();
for (const c of vevents) {
  if (!c.hasProperty('recurrence-id') && (c.hasProperty('rrule') || c.hasProperty('rdate'))) {
    masters.set(c.getFirstPropertyValue('uid'), new ICAL.Event(c));
  }
}
for (const c of vevents) {
  const master = masters.get(c.getFirstPropertyValue('uid'));
  if (c.hasProperty('recurrence-id') && master) master.relateException(c);
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const lines = [];
for (const [uid, ev] of masters) {
  const it = ev.iterator();
  for (let next = it.next(), n = 0; next && n < 10000; next = it.next(), n++) {
    const d = ev.getOccurrenceDetails(next);
    const js = d.startDate.toJSDate().getTime();
    const start = d.startDate.isDate
      ? `${pad(d.startDate.year, 4)}${pad(d.startDate.month)}${pad(d.startDate.day)}`
      : new Date(js).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const at = d.startDate.isDate ? Date.UTC(d.startDate.year, d.startDate.month - 1, d.startDate.day) : js;
    if (at >= to && next.toJSDate().getTime() >= to) break;
    if (at < from || at >= to) continue;
    const status = d.item.component.getFirstPropertyValue('status');
    lines.push(`${uid} ${start}${status === 'CANCELLED' ? ' CANCELLED' : ''}`);
  }
}
lines.sort();
for (const l of lines) console.log(l);
