// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 2 with the keyboard alone: Tab, Shift+Tab, Space, Enter, arrow keys
// and typing; no clicks. After every key that moves focus, the focused
// element must show a focus indicator.
import { assert, focusInfo } from '../lib/browser.mjs';
import { knownClash } from '../lib/pages.mjs';
import { addDays } from '../lib/forms.mjs';

// Keys walks the page with the keyboard and records every focus stop.
class Keys {
  constructor(page) { this.page = page; this.stops = 0; this.invisible = new Set(); this.path = []; }

  async press(key) {
    await this.page.keyboard.press(key);
    const f = await focusInfo(this.page);
    this.stops++;
    this.path.push(f.label);
    if (f.tag !== 'body' && (!f.visible || !f.onScreen)) { this.invisible.add(f.label); }
    return f;
  }

  async matches(selector) {
    return this.page.evaluate((sel) => !!document.activeElement && document.activeElement.matches(sel), selector);
  }

  // tabTo presses Tab (or Shift+Tab) until selector has focus.
  async tabTo(selector, back = false) {
    for (let i = 0; i < 300; i++) {
      await this.press(back ? 'Shift+Tab' : 'Tab');
      if (await this.matches(selector)) { return; }
    }
    throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${selector}; last stops: ${this.path.slice(-5).join(' → ')}`);
  }

  async type(selector, text) {
    await this.tabTo(selector);
    await this.page.keyboard.type(text);
  }

  // choose moves a focused closed select to value with the arrow keys.
  async choose(selector, value) {
    await this.tabTo(selector);
    for (const key of ['ArrowDown', 'ArrowUp']) {
      for (let i = 0; i < 80; i++) {
        if (await this.page.evaluate(() => document.activeElement.value) === value) { return; }
        await this.page.keyboard.press(key);
      }
    }
    throw new Error(`arrow keys never selected ${value} in ${selector}`);
  }

  // date types an ISO date into a date input. The order of its parts is the
  // browser's (month/day/year in Debian's headless Chromium, whatever the
  // page language); if the first order does not take, it leaves the field
  // with Shift+Tab, comes back with Tab and tries the next.
  async date(selector, iso, back = false) {
    await this.tabTo(selector, back);
    const [y, m, d] = iso.split('-');
    for (const order of [m + d + y, d + m + y, y + m + d]) {
      await this.page.keyboard.type(order);
      if (await this.page.evaluate(() => document.activeElement.value) === iso) { return; }
      while (await this.matches(selector)) { await this.press('Shift+Tab'); }
      await this.press('Tab');
    }
    throw new Error(`could not type ${iso} into ${selector}`);
  }
}

export default {
  id: 'keyboard', name: 'journey 2 with the keyboard alone, focus always visible', langs: ['fi', 'sv'],
  async run({ page, lang }) {
    const { dk, first } = await knownClash();
    const k = new Keys(page);
    await page.goto(`/${lang}/events/new`);
    const skip = await k.press('Tab');
    assert(skip.label.startsWith('a') && await k.matches('a.skip-link'), `the first Tab lands on ${skip.label}, not the skip link`);
    await page.keyboard.press('Enter');
    assert(await k.matches('main#main'), 'the skip link does not move focus to the main content');

    const title = `Keyboard test ${lang} ${Date.now().toString(36)}`;
    await k.type(`#title_${lang}`, title);
    await k.choose('#category', 'conference');
    await k.tabTo('#all_day');
    const wasAllDay = await page.locator('#all_day').isChecked();
    await page.keyboard.press('Space');
    assert(await page.locator('#all_day').isChecked() !== wasAllDay, 'Space did not toggle "all day"');
    if (wasAllDay) { await page.keyboard.press('Space'); }
    assert(await page.locator('#all_day').isChecked(), '"all day" is not ticked');
    const clashDay = addDays(first, 1);
    await k.date('#start_date', clashDay);
    await k.date('#end_date', clashDay);
    await k.type('#city', 'København');
    await k.choose('#country', 'DK');
    const org = await page.locator('#organiser option[value]:not([value=""])').first().getAttribute('value');
    await k.choose('#organiser', org);
    const warned = page.locator(`#clash-report a[href$="/events/${dk.id}"]`);
    await warned.waitFor({ timeout: 10_000 });

    // Back up with Shift+Tab to the box before the start date, then forward
    // into it so typing starts with the day.
    await k.tabTo('#all_day', true);
    const better = addDays(first, 42);
    await k.date('#start_date', better);
    await k.date('#end_date', better);
    await warned.waitFor({ state: 'detached', timeout: 10_000 });

    await k.type('#submitter_name', 'Keyboard Test');
    await k.type('#submitter_email', `keyboard-${lang}@example.org`);
    await k.tabTo('button[name=action][value=submit]');
    await Promise.all([page.waitForURL(/\/manage\/[^/?]+\?submitted=1$/), page.keyboard.press('Enter')]);
    assert((await page.locator('#manage-link').innerText()).includes('/manage/'), 'no manage link after the keyboard submission');
    assert(k.invisible.size === 0, `focus was not visible on: ${[...k.invisible].join('; ')}`);
    return `${k.stops} focus stops, every one visible`;
  },
};
