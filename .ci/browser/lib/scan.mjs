// SPDX-License-Identifier: AGPL-3.0-or-later
// The axe scan: every page of pages.json in every language, public pages
// signed out and secretariat pages signed in, plus the error pages. Any
// WCAG 2.1 A/AA violation fails the suite. Also takes the screenshots.
import { mkdirSync, writeFileSync } from 'node:fs';
import { LANGS, DESKTOP, PHONE, axe, pageChecks, overflows, context, signIn, assert } from './browser.mjs';
import { pageList, fill } from './pages.mjs';

// scan returns [{lang, name, route, url, violations}] for every page in
// every language, in the order of pages.json. Languages run two at a time
// (SCAN_WORKERS), each in its own signed-out and signed-in browser context.
export async function scan(browser, values, { artifacts, shotLangs = ['en', 'fi'] }) {
  const shotDir = `${artifacts}/screenshots`;
  mkdirSync(shotDir, { recursive: true });
  const queue = [...LANGS], results = {};
  const worker = async () => {
    for (let lang = queue.shift(); lang; lang = queue.shift()) {
      results[lang] = await scanLang(browser, lang, values, shotDir, shotLangs);
    }
  };
  await Promise.all(Array.from({ length: Number(process.env.SCAN_WORKERS || 2) }, worker));
  const checked = LANGS.flatMap((l) => results[l]);
  writeFileSync(`${artifacts}/axe-report.json`, JSON.stringify(checked, null, 2));
  return checked;
}

// scanLang checks every page in one language; the submitted-form entry
// re-renders the form with field errors and checks that state.
async function scanLang(browser, lang, values, shotDir, shotLangs) {
  const checked = [];
  const anon = await context(browser);
  const admin = await context(browser);
  const signedIn = await admin.newPage();
  await signIn(signedIn, lang);
  const pages = { false: await anon.newPage(), true: signedIn };
  const entries = [
    ...pageList.pages.map((p) => ({ ...p, status: 200 })),
    ...pageList.errorPages.map((p) => ({ ...p, route: '(error page)' })),
  ];
  for (const p of entries) {
    const page = pages[!!p.signedIn];
    const url = fill(p.path, lang, values);
    const item = { lang, name: p.name, route: p.route, url, violations: [] };
    checked.push(item);
    try {
      const res = await page.goto(url);
      assert(res.status() === p.status, `status ${res.status()}, want ${p.status}`);
      // Norwegian pages live under /no/ but declare bokmål, lang="nb".
      const tag = lang === 'no' ? 'nb' : lang;
      assert(await page.locator('html').getAttribute('lang') === tag, `html lang is not ${tag}`);
      if (p.submit) {
        await Promise.all([page.waitForEvent('framenavigated'), page.locator(p.submit).click()]);
        await page.waitForLoadState('load');
        assert(await page.locator('.field-error').count() > 0, 'submitting the empty form shows no field errors');
        assert(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), 'focus did not move to the error summary');
        item.name += ' (after submitting)';
      }
      item.violations = [...await axe(page), ...(await pageChecks(page)).map((m) => `nordcal: ${m}`)];
      await page.setViewportSize(PHONE);
      if (await overflows(page)) { item.violations.push(`nordcal: the page scrolls sideways at ${PHONE.width} px (WCAG 1.4.10 reflow)`); }
      await page.setViewportSize(DESKTOP);
      if (p.screenshot && shotLangs.includes(lang)) {
        const base = `${shotDir}/${lang}-${p.name.replace(/[^a-z0-9]+/gi, '-')}`;
        await page.screenshot({ path: `${base}-desktop.png`, fullPage: true });
        // Reload at phone width so the page script folds what it folds on phones.
        await page.setViewportSize(PHONE);
        await page.reload();
        await page.screenshot({ path: `${base}-phone.png`, fullPage: true });
        await page.setViewportSize(DESKTOP);
      }
    } catch (e) {
      item.violations.push(`check failed: ${e.message.split('\n')[0]}`);
    }
  }
  await anon.close();
  await admin.close();
  return checked;
}
