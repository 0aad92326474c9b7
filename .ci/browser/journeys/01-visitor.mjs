// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 1: a visitor browses the month view, filters by country and
// category, opens an event, switches language and stays on the same event.
import { assert, expectNoAxeViolations } from '../lib/browser.mjs';
import { knownClash } from '../lib/pages.mjs';

export default {
  id: '1', name: 'visitor: month view, filters, event, language switch', langs: ['sv', 'no'],
  async run({ page, lang }) {
    const { dk, se, first } = await knownClash();
    const other = lang === 'en' ? 'fi' : 'en';
    await page.goto(`/${lang}/`);
    await page.locator(`.main-nav a[href="/${lang}/calendar"]`).click();
    await page.waitForURL(`**/${lang}/calendar`);
    const [y, m] = first.split('-');
    for (let i = 0; i < 24 && !page.url().endsWith(`/calendar/${y}/${m}`); i++) {
      await Promise.all([page.waitForURL(/\/calendar\/\d{4}\/\d{2}/), page.locator('.period-nav a[rel=next]').click()]);
    }
    assert(page.url().endsWith(`/calendar/${y}/${m}`), `never reached ${y}-${m} with "next": ${page.url()}`);
    assert(await page.locator(`table.month a[href$="/events/${se.id}"]`).count() > 0, 'the Stockholm conference is not in the month grid before filtering');

    await page.locator('#f-country').selectOption('DK');
    await page.locator('#f-category').selectOption('conference');
    await Promise.all([page.waitForURL(/country=DK/), page.locator('form.filters button[type=submit]').click()]);
    assert(/category=conference/.test(page.url()), `filter not in the address: ${page.url()}`);
    assert(await page.locator('.chips a.chip').count() >= 2, 'active filters are not shown as chips');
    assert(await page.locator(`table.month a[href$="/events/${se.id}"]`).count() === 0, 'the Swedish conference survived the Denmark filter');
    const link = page.locator(`table.month a[href$="/events/${dk.id}"]`).first();
    assert(await link.count() === 1, 'the Copenhagen conference is missing after filtering');
    await expectNoAxeViolations(page, `filtered month ${y}-${m} (${lang})`);

    await Promise.all([page.waitForURL(`**/${lang}/events/${dk.id}`), link.click()]);
    const title = (await page.locator('h1').innerText()).trim();
    assert(title.length > 0, 'the event page has no heading');
    await Promise.all([page.waitForURL(`**/${other}/events/${dk.id}`), page.locator(`.lang-switch a[hreflang=${other}]`).click()]);
    assert(await page.locator('html').getAttribute('lang') === other, `page language is not ${other} after switching`);
    assert(await page.locator('.lang-switch a[aria-current]').getAttribute('hreflang') === other, 'the switcher does not mark the current language');
    return `${y}-${m}, DK+conference, event ${dk.id}, ${lang}→${other}`;
  },
};
