// SPDX-License-Identifier: AGPL-3.0-or-later
// The registration form, filled with the mouse and typing (journey 2 and
// the manage link the axe scan needs); the keyboard-only run is in
// journeys/keyboard.mjs.
import { assert } from './browser.mjs';

// addDays shifts an ISO date.
export function addDays(iso, n) {
  const d = new Date(iso + 'T12:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// fillEvent fills the registration form at /{lang}/events/new with a whole-day
// conference in Copenhagen from start to end.
export async function fillEvent(page, lang, { title, start, end, who }) {
  await page.locator(`#title_${lang}`).fill(title);
  await page.locator('#category').selectOption('conference');
  await page.locator('#all_day').check();
  await page.locator('#country').selectOption('DK');
  await page.locator('#city').fill('København');
  const org = await page.locator('#organiser option[value]:not([value=""])').first().getAttribute('value');
  await page.locator('#organiser').selectOption(org);
  await page.locator('#submitter_name').fill(who.name);
  await page.locator('#submitter_email').fill(who.email);
  await page.locator('#start_date').fill(start);
  await page.locator('#end_date').fill(end);
}

// submit sends the form and returns the manage link from the confirmation.
export async function submit(page) {
  await Promise.all([
    page.waitForURL(/\/manage\/[^/?]+\?submitted=1$/),
    page.locator('button[name=action][value=submit]').click(),
  ]);
  const link = (await page.locator('#manage-link').innerText()).trim();
  assert(/^https?:\/\/.+\/manage\/[A-Za-z0-9_-]{20,}$/.test(link), `manage link looks wrong: ${link}`);
  return link;
}

// register files a whole event and returns its manage link.
export async function register(page, lang, opts) {
  await page.goto(`/${lang}/events/new`);
  await fillEvent(page, lang, opts);
  return submit(page);
}
