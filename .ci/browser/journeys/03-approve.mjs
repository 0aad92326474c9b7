// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 3: the secretariat signs in, approves journey 2's submission, and
// the event appears on the public page and in the feed fetched over HTTP.
import { assert, fetchText, icsEvents } from '../lib/browser.mjs';

export default {
  id: '3', name: 'secretariat: sign in, approve, event public and in the feed', langs: ['en', 'fi'], after: '2',
  async run({ page, lang, state, newPage }) {
    const sub = state.submissions?.[lang];
    assert(sub, `journey 2 (${lang}) left no submission`);
    await page.goto(`/admin/login?lang=${lang}`);
    await page.locator('#email').fill(process.env.NORDCAL_ADMIN_EMAIL);
    await page.locator('#password').fill(process.env.NORDCAL_ADMIN_PASSWORD);
    await Promise.all([page.waitForURL(/\/admin\/?$/), page.locator('main form button[type=submit]').click()]);
    await Promise.all([page.waitForURL('**/admin/moderation'), page.locator('.admin-nav a[href="/admin/moderation"]').click()]);
    const row = page.locator('table.data a', { hasText: sub.title });
    assert(await row.count() === 1, `"${sub.title}" is not in the moderation queue`);
    await Promise.all([page.waitForURL(/\/admin\/events\/\d+$/), row.click()]);
    const id = page.url().split('/').pop();
    await Promise.all([page.waitForURL(/\/admin\/events\/\d+/), page.locator(`form[action="/admin/events/${id}/approve"] button`).click()]);
    assert(await page.locator('.notice-success, [role=status]').count() > 0, 'no confirmation after approving');
    sub.id = id;

    const visitor = await newPage();
    await visitor.goto(`/${lang}/events`);
    const item = visitor.locator('.event-list a', { hasText: sub.title });
    assert(await item.count() === 1, `"${sub.title}" is not on /${lang}/events after approval`);
    await Promise.all([visitor.waitForURL(`**/${lang}/events/${id}`), item.click()]);
    assert((await visitor.locator('h1').innerText()).includes(sub.title), 'the public event page has another title');

    const feed = icsEvents(await fetchText(`/feeds/events.ics?lang=${lang}`));
    const ev = feed.find((e) => (e.SUMMARY || '').includes(sub.title));
    assert(ev, `"${sub.title}" is not in /feeds/events.ics`);
    assert(ev.UID && ev.STATUS === 'CONFIRMED', `feed entry has UID=${ev.UID} STATUS=${ev.STATUS}, want CONFIRMED`);
    sub.uid = ev.UID;
    return `event ${id} published, feed UID ${ev.UID}`;
  },
};
