// SPDX-License-Identifier: AGPL-3.0-or-later
//
// validate-nodeical: checks an iCalendar file with node-ical, a parser many
// Node.js calendar tools and dashboards use.   node validate-nodeical.mjs FILE
//
// node-ical reports few errors itself: it drops what it cannot read (a
// SUMMARY after a bare CR), merges events without a UID and returns Invalid
// Dates. So this script compares what node-ical returns with what the file
// holds: as many VEVENTs, UIDs and SUMMARYs as the file, readable DTSTAMP,
// DTSTART and DTEND with DTEND after DTSTART, a known STATUS, no control
// characters in texts, and a VTIMEZONE (as node-ical read it) for every
// TZID. It also checks CRLF line ends. Exits 1 when there is any problem.

import { readFileSync } from 'node:fs';
import ical from 'node-ical';

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate-nodeical.mjs FILE');
  process.exit(2);
}
const errors = [];
const problem = (msg) => errors.push(msg);

const raw = readFileSync(file);
let text = '';
try {
  text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
} catch {
  problem('not valid UTF-8');
  text = raw.toString('utf8');
}
{
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] !== '\n') problem(`line ${line}: bare CR`);
    if (text[i] === '\n') {
      if (text[i - 1] !== '\r') problem(`line ${line}: LF without CR`);
      line++;
    }
  }
}
if (!text.endsWith('\r\n')) problem('the file does not end with CRLF');

// What the file holds, from its unfolded lines inside VEVENTs.
const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
const held = { events: 0, uids: new Set(), summaries: 0, tzids: new Set() };
let depth = 0; // > 0 inside a VEVENT
for (const l of lines) {
  if (l === 'BEGIN:VEVENT') { held.events++; depth++; continue; }
  if (l === 'END:VEVENT') { depth--; continue; }
  if (depth <= 0) continue;
  const name = l.split(/[;:]/, 1)[0].toUpperCase();
  if (name === 'UID') held.uids.add(l.slice(l.indexOf(':') + 1));
  if (name === 'SUMMARY') held.summaries++;
  const tz = /;TZID=("?)([^";:]+)\1[;:]/i.exec(l.slice(0, l.indexOf(':') + 1));
  if (tz) held.tzids.add(tz[2]);
}

const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const statuses = new Set(['TENTATIVE', 'CONFIRMED', 'CANCELLED']);
const textOf = (v) => (v && typeof v === 'object' && 'val' in v ? v.val : v);
const validDate = (d) => d instanceof Date && !Number.isNaN(d.getTime());

let data = {};
try {
  data = ical.sync.parseICS(text);
} catch (e) {
  problem(`node-ical cannot parse the file: ${e.message}`);
}
const items = Object.values(data);
const zones = new Set(items.filter((c) => c && c.type === 'VTIMEZONE').map((c) => c.tzid));
// node-ical files a series' overrides (RECURRENCE-ID) under the series'
// recurrences, once by day and once by instant: they count as VEVENTs.
const events = [...new Set(items.filter((c) => c && c.type === 'VEVENT')
  .flatMap((ev) => [ev, ...Object.values(ev.recurrences || {})]))];

if (events.length !== held.events) problem(`node-ical returns ${events.length} VEVENTs, the file has ${held.events}`);
for (const tzid of held.tzids) {
  if (!zones.has(tzid)) problem(`TZID=${tzid} has no VTIMEZONE`);
}
let summaries = 0;
for (const ev of events) {
  const where = `VEVENT ${ev.uid}`;
  if (typeof ev.uid !== 'string' || !held.uids.has(ev.uid)) problem(`${where}: no UID in the file`);
  if (!validDate(ev.dtstamp)) problem(`${where}: DTSTAMP missing or unreadable`);
  if (!validDate(ev.start)) problem(`${where}: DTSTART missing or unreadable`);
  if (ev.end !== undefined && ev.end !== null) {
    if (!validDate(ev.end)) problem(`${where}: DTEND unreadable`);
    else if (validDate(ev.start) && ev.end.getTime() <= ev.start.getTime()) problem(`${where}: DTEND ${ev.end.toISOString()} is not after DTSTART ${ev.start.toISOString()}`);
  }
  if (ev.status !== undefined && !statuses.has(ev.status)) problem(`${where}: STATUS ${ev.status} is not TENTATIVE, CONFIRMED or CANCELLED`);
  if (textOf(ev.summary) !== undefined) summaries++;
  for (const key of ['summary', 'description', 'location', 'url']) {
    const v = textOf(ev[key]);
    if (v !== undefined && typeof v !== 'string') problem(`${where}: ${key} is not text`);
    else if (v !== undefined && control.test(v)) problem(`${where}: control character in ${key}`);
  }
  const cn = ev.organizer && ev.organizer.params && ev.organizer.params.CN;
  if (typeof cn === 'string' && (control.test(cn) || cn.includes('\\'))) problem(`${where}: ORGANIZER CN ${JSON.stringify(cn)} was not read cleanly`);
  const start = validDate(ev.start) ? ev.start.toISOString() : '?';
  const end = validDate(ev.end) ? ev.end.toISOString() : '';
  console.log(`ok ${ev.uid} | ${textOf(ev.summary) ?? ''} | ${start}${end ? ' -> ' + end : ''}${ev.start && ev.start.tz ? ' ' + ev.start.tz : ''} | ${ev.status ?? ''}`);
}
if (summaries !== held.summaries) problem(`node-ical read ${summaries} SUMMARYs, the file has ${held.summaries}`);

for (const e of errors) console.log(`ERROR ${e}`);
console.log(`${events.length} VEVENT, ${errors.length} error(s)`);
process.exit(errors.length ? 1 : 0);
