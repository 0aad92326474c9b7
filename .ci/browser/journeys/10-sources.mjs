// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 10: the secretariat adds a partner's calendar (served over https
// from this machine with a self-signed certificate that nordcal trusts only
// through NORDCAL_FETCH_CA; see .ci/browser/run), syncs it now, sees its
// health, finds its two events in the review queue, approves them, and
// they appear on the public event list. The source's pages pass axe.
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { assert, expectNoAxeViolations, signIn } from '../lib/browser.mjs';

function calendarFile(lang) {
  const ev = (uid, day, title) => [
    'BEGIN:VEVENT', `UID:${uid}-${lang}@partner.example`, 'DTSTAMP:20261101T000000Z',
    `DTSTART;TZID=FLE Standard Time:${day}T100000`, `DTEND;TZID=FLE Standard Time:${day}T120000`,
    `SUMMARY:${title}`, 'DESCRIPTION:<p>Open to all <b>national coordinators</b>.</p>', 'END:VEVENT',
  ];
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN', 'X-PUBLISHED-TTL:PT1H',
    ...ev('webinar', '20270915', `Partner webinar ${lang}`), ...ev('meeting', '20271006', `Partner network meeting ${lang}`),
    'END:VCALENDAR', ''].join('\r\n');
}

export default {
  id: '10', name: 'secretariat: add a partner calendar, sync it, approve its first events', langs: ['en', 'fi'],
  requires: '/admin/sources',
  async run({ page, lang, newPage }) {
    const cert = process.env.NORDCAL_FIXTURE_CERT, key = process.env.NORDCAL_FIXTURE_KEY;
    assert(cert && key, 'NORDCAL_FIXTURE_CERT and NORDCAL_FIXTURE_KEY are not set (bash .ci/browser/run sets them)');
    let fetched = 0;
    const server = createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
      fetched++;
      res.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8', ETag: `"${lang}-1"` });
      res.end(calendarFile(lang));
    });
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      await signIn(page, lang);
      await page.goto(`/admin/sources?lang=${lang}`);
      await expectNoAxeViolations(page, 'the partner calendars');
      await Promise.all([page.waitForURL('**/admin/sources/new'), page.locator('main a[href="/admin/sources/new"]').click()]);
      await page.locator('#name').fill(`Partner ${lang}`);
      await page.locator('#url').fill(`webcal://127.0.0.1:${server.address().port}/partner.ics`);
      await page.locator('#organiser').selectOption({ index: 1 });
      await page.locator('#attendance').selectOption('online');
      await page.locator('#country').selectOption('FI');
      await expectNoAxeViolations(page, 'the new partner calendar form');
      await Promise.all([page.waitForURL(/\/admin\/sources\/\d+$/), page.locator('main form button[type=submit]').click()]);
      const id = page.url().split('/').pop();
      assert(await page.locator('.notice-success, [role=status]').count() > 0, 'no confirmation after adding the source');

      await Promise.all([page.waitForURL('**/admin/sources'), page.locator(`form[action="/admin/sources/${id}/sync"] button`).click()]);
      assert(fetched >= 1, 'nordcal did not fetch the partner calendar');
      const row = page.locator('tr.source', { hasText: `Partner ${lang}` });
      const counts = await row.locator('.source-counts').innerText();
      assert(/\b2\b/.test(counts), `health after the sync: "${counts}"`);
      assert(await row.locator('.source-error').count() === 0, `the sync failed: ${await row.innerText()}`);
      await expectNoAxeViolations(page, 'the partner calendars after a sync');
      for (const path of [`/admin/sources/${id}`, `/admin/sources/${id}/edit`, `/admin/sources/${id}/remove`]) {
        await page.goto(`${path}?lang=${lang}`);
        await expectNoAxeViolations(page, path);
      }

      const titles = [`Partner webinar ${lang}`, `Partner network meeting ${lang}`];
      for (const title of titles) {
        await page.goto(`/admin/moderation?lang=${lang}`);
        const link = page.locator('table.data a', { hasText: title });
        assert(await link.count() === 1, `"${title}" is not in the review queue`);
        await Promise.all([page.waitForURL(/\/admin\/events\/\d+$/), link.click()]);
        const ev = page.url().split('/').pop();
        await Promise.all([page.waitForURL(/\/admin\/events\/\d+/), page.locator(`form[action="/admin/events/${ev}/approve"] button`).click()]);
        assert(await page.locator('.notice-success, [role=status]').count() > 0, `no confirmation after approving "${title}"`);
      }
      const visitor = await newPage();
      await visitor.goto(`/${lang}/events?q=partner`);
      for (const title of titles) {
        assert(await visitor.locator('.event-list a', { hasText: title }).count() === 1, `"${title}" is not on /${lang}/events after approval`);
      }
      return `source ${id}: fetched ${fetched}×, 2 events approved`;
    } finally {
      server.close();
    }
  },
};
