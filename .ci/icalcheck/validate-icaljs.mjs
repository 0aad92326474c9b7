// SPDX-License-Identifier: AGPL-3.0-or-later
//
// validate-icaljs: checks an iCalendar file with ical.js, the parser in
// Thunderbird.   node validate-icaljs.mjs FILE
//
// Beyond ical.js's own parse errors it checks CRLF line ends, control
// characters in values, UID/DTSTAMP/DTSTART per VEVENT, a VTIMEZONE for
// every TZID, DTEND after DTSTART and the STATUS value. It also reads every
// local time through the file's VTIMEZONE with ical.js and compares the
// instant with the same zone in ICU (Intl), which knows tzdata
// independently. Exits 1 when there is any problem.

import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate-icaljs.mjs FILE');
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
for (const m of text.matchAll(/\r(?!\n)|(?<!\r)\n/g)) {
  const line = text.slice(0, m.index).split('\n').length;
  problem(`line ${line}: ${m[0] === '\r' ? 'bare CR' : 'LF without CR'}`);
}
if (!text.endsWith('\r\n')) problem('the file does not end with CRLF');

// Controls other than TAB and LF (LF comes from an unescaped \n), DEL, C1.
const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const statuses = new Set(['TENTATIVE', 'CONFIRMED', 'CANCELLED']);

// wallInZone is the local clock in tzid at the instant unixSeconds, by ICU.
function wallInZone(unixSeconds, tzid) {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: tzid, hourCycle: 'h23',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const p = Object.fromEntries(fmt.formatToParts(new Date(unixSeconds * 1000)).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}${p.second}`;
}

function icuKnows(tzid) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tzid });
    return true;
  } catch {
    return false;
  }
}

const wallOf = (t) => t.toICALString().replace(/Z$/, '');

let vcal;
try {
  vcal = new ICAL.Component(ICAL.parse(text));
} catch (e) {
  problem(`ical.js cannot parse the file: ${e.message}`);
}

let events = 0;
if (vcal) {
  if (vcal.name !== 'vcalendar') problem(`top component is ${vcal.name}`);
  if (vcal.getAllProperties('version').length !== 1 || vcal.getFirstPropertyValue('version') !== '2.0') problem('VERSION must be 2.0, once');
  if (vcal.getAllProperties('prodid').length !== 1) problem('PRODID must appear once');

  const zones = new Map();
  for (const vtz of vcal.getAllSubcomponents('vtimezone')) {
    const tzid = vtz.getFirstPropertyValue('tzid');
    if (!tzid) { problem('VTIMEZONE without TZID'); continue; }
    if (zones.has(tzid)) problem(`two VTIMEZONEs for ${tzid}`);
    if (vtz.getAllSubcomponents('standard').length + vtz.getAllSubcomponents('daylight').length === 0) {
      problem(`VTIMEZONE ${tzid} has no STANDARD or DAYLIGHT`);
    }
    const zone = new ICAL.Timezone(vtz);
    zones.set(tzid, zone);
    ICAL.TimezoneService.register(zone, tzid);
  }

  const years = new Map(); // tzid → [first, last] year of the times using it
  const checkProps = (comp, where) => {
    for (const prop of comp.getAllProperties()) {
      const tzid = prop.getParameter('tzid');
      if (tzid && !zones.has(tzid)) problem(`${where} ${prop.name.toUpperCase()}: TZID=${tzid} has no VTIMEZONE`);
      const v = prop.getFirstValue();
      if (tzid && zones.has(tzid) && v instanceof ICAL.Time) {
        const [a, b] = years.get(tzid) ?? [v.year, v.year];
        years.set(tzid, [Math.min(a, v.year), Math.max(b, v.year)]);
      }
      for (const [k, v] of Object.entries(prop.toJSON()[1])) {
        if (typeof v === 'string' && control.test(v)) problem(`${where} ${prop.name.toUpperCase()}: control character in parameter ${k}`);
      }
      for (const v of prop.getValues()) {
        const s = typeof v === 'string' ? v : String(v);
        if (control.test(s)) problem(`${where} ${prop.name.toUpperCase()}: control character in the value`);
      }
    }
  };
  checkProps(vcal, 'VCALENDAR');

  for (const ev of vcal.getAllSubcomponents('vevent')) {
    events++;
    const uid = ev.getFirstPropertyValue('uid');
    const where = `VEVENT ${events} (${uid ?? 'no UID'})`;
    for (const name of ['uid', 'dtstamp', 'dtstart']) {
      const n = ev.getAllProperties(name).length;
      if (n !== 1) problem(`${where}: ${n} ${name.toUpperCase()}, want 1`);
    }
    checkProps(ev, where);
    const status = ev.getFirstPropertyValue('status');
    if (status !== null && !statuses.has(status)) problem(`${where}: STATUS ${status} is not TENTATIVE, CONFIRMED or CANCELLED`);
    if (!ev.hasProperty('dtstart')) continue;
    let event;
    try {
      event = new ICAL.Event(ev);
    } catch (e) {
      problem(`${where}: ${e.message}`);
      continue;
    }
    const start = event.startDate;
    const end = ev.hasProperty('dtend') ? ev.getFirstPropertyValue('dtend') : null;
    if (!start || !(start instanceof ICAL.Time)) { problem(`${where}: DTSTART cannot be read`); continue; }
    if (end && !(end instanceof ICAL.Time)) { problem(`${where}: DTEND cannot be read`); continue; }
    if (end && end.compare(start) <= 0) problem(`${where}: DTEND ${end} is not after DTSTART ${start}`);
    // A local time with a TZID must name the same instant in ical.js (via
    // the VTIMEZONE) as in ICU.
    for (const [name, t] of [['DTSTART', start], ['DTEND', end]]) {
      const tzid = t && !t.isDate && ev.getFirstProperty(name.toLowerCase()).getParameter('tzid');
      if (!tzid || !zones.has(tzid) || !icuKnows(tzid)) continue;
      const icu = wallInZone(t.toUnixTime(), tzid);
      if (icu !== wallOf(t)) problem(`${where} ${name}: ${wallOf(t)} ${tzid} is ${new Date(t.toUnixTime() * 1000).toISOString()} by the VTIMEZONE, but ICU shows that instant as ${icu}`);
    }
    console.log(`ok ${uid} | ${event.summary ?? ''} | ${start}${end ? ' -> ' + end : ''} | ${status ?? ''} | ${event.sequence}`);
  }

  // Each VTIMEZONE must agree with ICU through the years of the times that
  // use it: every hour, ICU's local clock for that instant, read by ical.js
  // through the VTIMEZONE, must give the instant back. (The direction
  // matters: ical.js's own UTC-to-local conversion looks offsets up by the
  // UTC clock and is off near changes in zones west of Greenwich.) A clock
  // time that occurs twice may read as either pass: RFC 5545 says the first,
  // ical.js takes the second, and nordcal writes such times in UTC.
  for (const [tzid, [first, last]] of years) {
    if (!icuKnows(tzid)) { console.log(`note: ICU has no zone ${tzid} to compare with`); continue; }
    const zone = zones.get(tzid);
    let bad = 0;
    for (let s = Date.UTC(first, 0, 1) / 1000; s < Date.UTC(last + 1, 0, 1) / 1000 && bad < 5; s += 3600) {
      const w = wallInZone(s, tzid);
      const t = new ICAL.Time({
        year: +w.slice(0, 4), month: +w.slice(4, 6), day: +w.slice(6, 8),
        hour: +w.slice(9, 11), minute: +w.slice(11, 13), second: +w.slice(13, 15), isDate: false,
      }, zone);
      const back = t.toUnixTime();
      if (back !== s && wallInZone(back, tzid) !== w) {
        problem(`VTIMEZONE ${tzid}: ICU shows ${new Date(s * 1000).toISOString()} as ${w}, which the VTIMEZONE reads as ${new Date(back * 1000).toISOString()}`);
        bad++;
      }
    }
    if (!bad) console.log(`ok VTIMEZONE ${tzid} agrees with ICU ${first}-${last}`);
  }
}

for (const e of errors) console.log(`ERROR ${e}`);
console.log(`${events} VEVENT, ${errors.length} error(s)`);
process.exit(errors.length ? 1 : 0);
