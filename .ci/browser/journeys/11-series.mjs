// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 11: an organiser registers a monthly series (the first Tuesday of
// four months) through the public form and sees its dates previewed; the
// secretariat approves it once; the dates are on the month view, tagged as
// recurring and linked to the series' page with the date; the secretariat
// changes one date on its own.
import { assert, expectNoAxeViolations, signIn } from '../lib/browser.mjs';
import { fillEvent, submit } from '../lib/forms.mjs';

export default {
  id: '11', name: 'series: register monthly, preview, approve once, month view, edit one date', langs: ['en'],
  async run({ page, lang, newPage }) {
    const title = `Browser series ${lang} ${Date.now().toString(36)}`;
    // 7 March 2028 is the first Tuesday of its month.
    await page.goto(`/${lang}/events/new`);
    await fillEvent(page, lang, { title, start: '2028-03-07', end: '2028-03-07', who: { name: 'Series Test', email: `series-${lang}@example.org` } });
    await page.locator('#repeat').selectOption('monthly');
    await page.locator('#repeat_month_by_nth').check();
    await page.locator('#repeat_nth').selectOption('1');
    await page.locator('#repeat_nth_day').selectOption('2');
    await page.locator('#repeat_end_count').check();
    await page.locator('#repeat_count').fill('4');
    await Promise.all([page.waitForLoadState('load'), page.locator('button[name=action][value=check]').click()]);
    const preview = page.locator('.series-dates');
    await preview.waitFor();
    const rule = (await preview.locator('.series-rule').innerText()).trim();
    assert(rule === 'Every month on the first Tuesday, 4 times', `preview rule: "${rule}"`);
    assert(await preview.locator('.series-list li').count() === 4, 'the preview does not list the four dates');
    await expectNoAxeViolations(page, `registration form with a series preview (${lang})`);
    await submit(page);

    // One submission in the queue for the whole series; approved once.
    await signIn(page, lang);
    await page.goto(`/admin/moderation?lang=${lang}`);
    const row = page.locator('table.data a', { hasText: title });
    assert(await row.count() === 1, `"${title}" is not in the moderation queue once`);
    await Promise.all([page.waitForURL(/\/admin\/events\/\d+$/), row.click()]);
    const id = page.url().split('/').pop();
    assert(await page.locator('.series-table tbody tr').count() === 4, 'the secretariat does not see four dates');
    await expectNoAxeViolations(page, `secretariat page of a pending series (${lang})`);
    await Promise.all([page.waitForURL(/\/admin\/events\/\d+/), page.locator(`form[action="/admin/events/${id}/approve"] button`).click()]);

    // The month view shows the April date, tagged and linked with its key.
    const visitor = await newPage();
    await visitor.goto(`/${lang}/calendar/2028/04`);
    const link = visitor.locator('.month li a', { hasText: title });
    assert(await link.count() === 1, `"${title}" is not on the April 2028 month view`);
    assert((await link.locator('.badge-series').innerText()).trim() !== '', 'the April date is not tagged as recurring');
    await expectNoAxeViolations(visitor, `month view with a series (${lang})`);
    await Promise.all([visitor.waitForURL(`**/${lang}/events/${id}?date=20280404`), link.click()]);
    assert(await visitor.locator('.notice-series a').count() === 1, 'the date page does not link to the whole series');
    await visitor.goto(`/${lang}/events/${id}`);
    assert(await visitor.locator('.series-dates .series-list li').count() === 4, 'the series page does not list its dates');
    await expectNoAxeViolations(visitor, `series page (${lang})`);

    // The secretariat moves the venue of the April date only.
    await page.goto(`/admin/events/${id}?lang=${lang}`);
    await Promise.all([page.waitForURL(`**/admin/events/${id}/dates/20280404`), page.locator('.series-table a', { hasText: 'Edit this date' }).nth(1).click()]);
    assert(await page.locator('#repeat').count() === 0, 'the form of one date offers Repeats');
    await expectNoAxeViolations(page, `secretariat form of one date (${lang})`);
    await page.locator('#venue').fill('Tivoli Congress Center');
    await Promise.all([page.waitForLoadState('load'), page.locator('form.event-form button[type=submit]').click()]);
    await page.locator('[role=status]').first().waitFor();
    await page.goto(`/admin/events/${id}?lang=${lang}`);
    const changed = page.locator('.series-table tbody tr').nth(1);
    assert((await changed.innerText()).includes('Tivoli Congress Center'), 'the changed date does not show its venue');
    await visitor.goto(`/${lang}/events/${id}`);
    assert((await visitor.locator('.series-changed').innerText()).includes('Tivoli Congress Center'), 'the series page does not list the changed date');
    return `series ${id}: 4 dates, April date changed`;
  },
};
