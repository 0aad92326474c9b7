// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 8: the secretariat creates a network, adds an organisation and a
// person as members with roles, and finds them on the network's public page.
import { assert, expectNoAxeViolations, signIn } from '../lib/browser.mjs';

export default {
  id: '8', name: 'secretariat: new network with an organisation and a person as members, on its public page',
  langs: ['en', 'sv'], requires: '/admin/directory/networks/:id',
  async run({ page, lang, newPage }) {
    await signIn(page, lang);
    await page.goto(`/admin/directory?lang=${lang}`);
    await Promise.all([page.waitForURL('**/admin/directory/networks'), page.locator('main a[href="/admin/directory/networks"]').click()]);
    await Promise.all([page.waitForURL('**/admin/directory/networks/new'), page.locator('main a[href="/admin/directory/networks/new"]').click()]);
    const slug = `journey-network-${lang}-${Date.now().toString(36)}`;
    const name = `Nordic journey network ${lang.toUpperCase()}`;
    await page.locator('#f-slug').fill(slug);
    await page.locator('#f-name_en').fill(name);
    await page.locator('#f-original_lang').selectOption('en');
    await page.locator('#f-parent_body_en').fill('Nordic Council of Ministers for Justice');
    await Promise.all([page.waitForURL(/\/admin\/directory\/networks\/\d+$/), page.locator('.network-form button[type=submit]').click()]);

    // An organisation as chair.
    await page.locator('#kind-org').check();
    const org = page.locator('#m-organisation option', { hasText: '(OM)' }).first();
    const orgLabel = (await org.innerText()).trim();
    await page.locator('#m-organisation').selectOption(await org.getAttribute('value'));
    await page.locator('#m-role').selectOption('chair');
    const chair = (await page.locator('#m-role option[value=chair]').innerText()).trim();
    await Promise.all([page.waitForURL(/\/admin\/directory\/networks\/\d+$/), page.locator('.add-member button[type=submit]').click()]);
    // A person as vice-chair, a member since the start of the year.
    await page.locator('#kind-person').check();
    const person = page.locator('#m-person option', { hasText: 'Mäkelä' }).first();
    await page.locator('#m-person').selectOption(await person.getAttribute('value'));
    await page.locator('#m-role').selectOption('vice_chair');
    const vice = (await page.locator('#m-role option[value=vice_chair]').innerText()).trim();
    await page.locator('#m-from').fill(`${new Date().getFullYear()}-01-01`);
    await Promise.all([page.waitForURL(/\/admin\/directory\/networks\/\d+$/), page.locator('.add-member button[type=submit]').click()]);
    const rows = page.locator('table.members tbody tr');
    assert(await rows.count() === 2, `${await rows.count()} member rows on the secretariat's page, want 2`);
    await expectNoAxeViolations(page, `network with members, secretariat (${lang})`);

    const visitor = await newPage();
    await visitor.goto(`/${lang}/directory/networks/${slug}`);
    assert((await visitor.locator('h1').innerText()).includes(name), 'the public page has another name');
    const members = await visitor.locator('.members').innerText();
    const orgName = orgLabel.replace(/\s*\(OM\)$/, '');
    for (const want of [orgName, 'Mäkelä', chair, vice]) {
      assert(members.includes(want), `the public roster lacks "${want}": ${members.slice(0, 300)}`);
    }
    await expectNoAxeViolations(visitor, `network page with members (${lang})`);
    return `${slug}: ${orgName} (${chair}), Aino Mäkelä (${vice})`;
  },
};
