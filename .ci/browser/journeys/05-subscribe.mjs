// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 5: a coordinator builds a filtered feed URL on the subscribe page,
// and the URL returns exactly the events matching those filters (compared
// with the JSON API under the feed's documented time window).
import { assert, fetchJSON, icsEvents, BASE } from '../lib/browser.mjs';

const DAY = 86_400_000;

export default {
  id: '5', name: 'coordinator: filtered feed URL returns exactly the matching events', langs: ['da', 'no'],
  async run({ page, lang }) {
    await page.goto(`/${lang}/`);
    await Promise.all([page.waitForURL(`**/${lang}/subscribe`), page.locator(`.main-nav a[href="/${lang}/subscribe"]`).click()]);
    await page.locator('.feed-builder input[name=country][value=NO]').check();
    await page.locator('.feed-builder input[name=category][value=meeting]').check();
    await Promise.all([page.waitForURL(/country=NO/), page.locator('form.feed-builder button[type=submit]').click()]);
    const feedURL = await page.locator('#url-https').inputValue();
    const webcal = await page.locator('#url-webcal').inputValue();
    assert(webcal.startsWith('webcal://') && webcal.endsWith(feedURL.replace(/^https?:\/\//, '')), `webcal URL ${webcal} does not match ${feedURL}`);
    const u = new URL(feedURL);
    assert(u.pathname === '/feeds/events.ics', `feed URL has path ${u.pathname}`);
    assert(u.searchParams.get('country') === 'NO' && u.searchParams.get('category') === 'meeting', `feed URL lost a filter: ${feedURL}`);

    // The feed is fetched over HTTP like a calendar program would.
    const res = await fetch(BASE + u.pathname + u.search);
    assert(res.ok && /text\/calendar/.test(res.headers.get('content-type')), `feed answered ${res.status} ${res.headers.get('content-type')}`);
    const got = icsEvents(await res.text()).map((e) => e.UID).sort();

    // The same filters through the API, from a year back, minus what the feed
    // leaves out by design (past events after a year, cancelled ones 60 days
    // after their end).
    const now = Date.now();
    const from = new Date(now - 366 * DAY).toISOString().slice(0, 10);
    const q = new URLSearchParams(u.search);
    q.set('from', from); q.set('per_page', '200'); q.delete('lang');
    const api = (await fetchJSON(`/api/v1/events?${q}`)).events;
    const end = (e) => Date.parse(e.all_day ? e.end_date + 'T23:59:59Z' : e.end);
    const want = api.filter((e) => end(e) > now - 365 * DAY && (e.status !== 'cancelled' || end(e) > now - 60 * DAY)).map((e) => e.uid).sort();
    assert(want.length > 0, 'the filters match no event; the comparison would prove nothing');
    assert(api.every((e) => e.category === 'meeting'), 'the API returned another category');
    const missing = want.filter((x) => !got.includes(x)), extra = got.filter((x) => !want.includes(x));
    assert(!missing.length && !extra.length, `feed differs from the API: missing ${missing.join(', ') || '-'}; extra ${extra.join(', ') || '-'}`);
    const shown = await page.locator('.feed-urls p').first().innerText();
    assert(shown.includes(String(got.length)), `the page does not state the feed's ${got.length} events: "${shown}"`);
    return `${u.search}: ${got.length} event(s), identical to the API`;
  },
};
