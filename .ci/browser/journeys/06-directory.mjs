// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 6: in the contact directory, a search for "makela" finds Aino
// Mäkelä (a demo person), and a network's vCard downloads.
import { readFile } from 'node:fs/promises';
import { assert } from '../lib/browser.mjs';

export default {
  id: '6', name: 'directory: search "makela" finds Mäkelä, network vCard', langs: ['fi', 'da'], requires: '/:lang/directory',
  async run({ page, lang }) {
    await page.goto(`/${lang}/`);
    await Promise.all([page.waitForURL(`**/${lang}/directory`), page.locator(`.main-nav a[href="/${lang}/directory"]`).click()]);
    await page.locator('#dir-q').fill('makela');
    await Promise.all([page.waitForURL(/\/search\?q=makela/), page.locator('#dir-q').press('Enter')]);
    const person = page.locator('.results-people a.person-name', { hasText: 'Mäkelä' });
    assert(await person.count() === 1, 'the search for "makela" does not find Mäkelä');
    await Promise.all([page.waitForURL(/\/directory\/people\/\d+$/), person.click()]);
    const network = page.locator('main a[href*="/directory/networks/"]').first();
    assert(await network.count() === 1, 'Mäkelä belongs to no network');
    await Promise.all([page.waitForURL(/\/directory\/networks\/[^/]+$/), network.click()]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.exports a[href$="/vcard"]').first().click()]);
    const card = await readFile(await download.path(), 'utf8');
    const n = (card.match(/^BEGIN:VCARD/gm) || []).length;
    assert(n > 0 && /^VERSION:4\.0/m.test(card), `the network vCard is not a vCard: ${card.slice(0, 80)}`);
    assert(/^FN:.*Mäkelä/m.test(card), 'Mäkelä is not in her network\'s vCard');
    return `${download.suggestedFilename()}: ${n} card(s)`;
  },
};
