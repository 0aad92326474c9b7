// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 2: an organiser fills the registration form, sees a clash warning
// appear for the dates of the known Copenhagen conference, corrects the
// dates, submits and keeps the manage link. Journeys 3 and 4 continue with
// the submission (state.submissions[lang]).
import { assert, expectNoAxeViolations } from '../lib/browser.mjs';
import { knownClash } from '../lib/pages.mjs';
import { addDays, fillEvent, submit } from '../lib/forms.mjs';

export default {
  id: '2', name: 'organiser: registration, clash warning, corrected dates, manage link', langs: ['en', 'fi'],
  async run({ page, lang, state }) {
    const { dk, first } = await knownClash();
    const clashDay = addDays(first, 1); // both February conferences run that day
    const title = `Browser test ${lang} ${Date.now().toString(36)}`;
    await page.goto(`/${lang}/`);
    await Promise.all([page.waitForURL(`**/${lang}/events/new`), page.locator(`.main-nav a[href="/${lang}/events/new"]`).click()]);
    await fillEvent(page, lang, { title, start: clashDay, end: clashDay, who: { name: 'Browser Test', email: `organiser-${lang}@example.org` } });

    const report = page.locator('#clash-report');
    const warned = report.locator(`a[href$="/events/${dk.id}"]`);
    await warned.waitFor({ timeout: 10_000 });
    assert(/clash-high/.test(await report.getAttribute('class')), `no serious clash level for ${clashDay}: ${await report.getAttribute('class')}`);
    assert((await report.locator('.level-badge').first().innerText()).trim() !== '', 'the clash level has no words');
    await expectNoAxeViolations(page, `registration form with a clash warning (${lang})`);

    const better = addDays(first, 35);
    await page.locator('#start_date').fill(better);
    await page.locator('#end_date').fill(better);
    await warned.waitFor({ state: 'detached', timeout: 10_000 });

    const link = await submit(page);
    await expectNoAxeViolations(page, `confirmation with manage link (${lang})`);
    state.submissions ??= {};
    state.submissions[lang] = { title, link, date: better };
    return `warned for ${clashDay}, submitted for ${better}`;
  },
};
