// SPDX-License-Identifier: AGPL-3.0-or-later
// Shared helpers of the browser suite: Chromium launch, contexts, sign-in,
// the axe check, the visible-focus check and small assertions.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

// axe-core runs inside the page. (@axe-core/playwright's AxeBuilder does the
// same but opens a helper page for every analysis; on two cores that made
// the scan of ~200 pages three times slower.)
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const BASE = (process.env.NORDCAL_URL || '').replace(/\/$/, '');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const LANGS = ['en', 'fi', 'sv', 'da', 'no'];
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

// launch starts Debian's Chromium. A missing browser is a failure, never a
// reason to skip: the suite is part of CI.
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// context opens a fresh browser profile. Script errors and console errors
// are collected so a journey can fail on them.
export async function context(browser, opts = {}) {
  const ctx = await browser.newContext({ baseURL: BASE, viewport: DESKTOP, locale: 'en-GB', timezoneId: 'Europe/Copenhagen', ...opts });
  ctx.setDefaultTimeout(10_000);
  ctx.problems = [];
  ctx.on('page', (p) => watch(ctx, p));
  return ctx;
}

function watch(ctx, page) {
  page.on('pageerror', (e) => ctx.problems.push(`script error on ${page.url()}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') ctx.problems.push(`console error on ${page.url()}: ${m.text()}`); });
}

export async function newPage(ctx) {
  return ctx.newPage();
}

// signIn signs the context in to the secretariat area through the form.
export async function signIn(page, lang = 'en') {
  const email = process.env.NORDCAL_ADMIN_EMAIL, password = process.env.NORDCAL_ADMIN_PASSWORD;
  if (!email || !password) { throw new Error('NORDCAL_ADMIN_EMAIL and NORDCAL_ADMIN_PASSWORD must be set'); }
  await page.goto(`/admin/login?lang=${lang}`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForURL(/\/admin\/?(\?.*)?$/), page.locator('form.stacked button[type=submit]').click()]);
}

// axe runs axe-core with the WCAG 2.1 A and AA rules on the page as it is
// now and returns the violations as plain lines.
export async function axe(page) {
  if (!await page.evaluate(() => typeof window.axe === 'object')) {
    await page.evaluate(axeSource);
  }
  const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), WCAG_TAGS);
  return r.violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length}×): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

// expectNoAxeViolations fails with the violations of the page, labelled.
export async function expectNoAxeViolations(page, label) {
  const v = await axe(page);
  if (v.length) { throw new Error(`axe: ${label} has ${v.length} violation(s):\n  ${v.join('\n  ')}`); }
}

// focusVisible describes the focused element and whether it shows a focus
// indicator (an outline or a box shadow that differs from its unfocused look).
export async function focusInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) { return { tag: 'body', visible: false, label: 'body' }; }
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow && cs.boxShadow !== 'none';
    const label = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.name ? '[name=' + el.name + ']' : ''}${el.type ? '[type=' + el.type + ']' : ''} "${(el.innerText || el.value || '').trim().slice(0, 40)}"`;
    const r = el.getBoundingClientRect();
    return { tag: el.tagName.toLowerCase(), id: el.id, name: el.name || '', type: el.type || '', visible: outline || shadow, onScreen: r.width > 0 && r.height > 0, label };
  });
}

export function assert(cond, msg) {
  if (!cond) { throw new Error(msg); }
}

// fetchText gets a URL of the app over plain HTTP, outside the browser.
export async function fetchText(path) {
  const res = await fetch(BASE + path, { headers: { 'Accept-Language': 'en' } });
  if (!res.ok) { throw new Error(`GET ${path}: ${res.status}`); }
  return res.text();
}

export async function fetchJSON(path) {
  return JSON.parse(await fetchText(path));
}

// icsEvents splits an iCal body into events with their unfolded properties.
export function icsEvents(body) {
  const lines = body.replace(/\r\n[ \t]/g, '').split(/\r\n/);
  const out = [];
  let cur = null;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') { cur = {}; continue; }
    if (l === 'END:VEVENT') { out.push(cur); cur = null; continue; }
    if (!cur) { continue; }
    const i = l.indexOf(':');
    if (i < 0) { continue; }
    const name = l.slice(0, i).split(';')[0];
    const value = l.slice(i + 1).replace(/\\([,;\\])/g, '$1').replace(/\\[nN]/g, '\n');
    cur[name] = value;
  }
  return out;
}

// pageChecks are the rules of issue 7 that axe does not cover, checked on
// the page as it is: skip link first, no duplicate ids, error messages tied
// to their fields, statuses told in words and not by colour alone.
export async function pageChecks(page) {
  return page.evaluate(() => {
    const out = [];
    const focusable = document.querySelector('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])');
    // The embedded list (/embed/…) has no navigation to skip.
    if (!document.body.classList.contains('nordcal-embed-page')) {
      const skip = document.querySelector('a.skip-link');
      if (!skip || focusable !== skip) { out.push('the skip link is not the first focusable element'); }
      const target = skip && document.querySelector(skip.getAttribute('href'));
      if (!target || target.tagName !== 'MAIN') { out.push('the skip link does not lead to <main>'); }
    }
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) { seen.set(el.id, (seen.get(el.id) || 0) + 1); }
    for (const [id, n] of seen) { if (n > 1) { out.push(`id "${id}" is used ${n} times`); } }
    const described = new Set();
    for (const el of document.querySelectorAll('[aria-describedby]')) {
      for (const id of el.getAttribute('aria-describedby').split(/\s+/).filter(Boolean)) {
        described.add(id);
        if (!document.getElementById(id)) { out.push(`${el.tagName.toLowerCase()}#${el.id} is described by missing #${id}`); }
      }
    }
    for (const el of document.querySelectorAll('[aria-invalid=true]')) {
      const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/);
      if (!ids.some((id) => id && document.getElementById(id)?.matches('.field-error, [id$=-error]'))) {
        out.push(`invalid field #${el.id} is not described by its error message`);
      }
    }
    for (const el of document.querySelectorAll('.field-error[id]')) {
      if (!described.has(el.id)) { out.push(`error message #${el.id} is tied to no field`); }
    }
    for (const el of document.querySelectorAll('.error-summary')) {
      if (el.getAttribute('role') !== 'alert') { out.push('the error summary is not announced (role=alert)'); }
    }
    for (const el of document.querySelectorAll('li.status-cancelled, li.status-tentative, li.status-pending')) {
      const badge = el.querySelector('.badge');
      if (!badge || !badge.textContent.trim()) { out.push(`a ${el.className} item tells its status by colour alone`); }
    }
    for (const el of document.querySelectorAll('.level-badge, .badge')) {
      if (!el.textContent.trim()) { out.push('an empty badge tells something by colour alone'); }
    }
    return out;
  });
}

// overflowsAt reports whether the page scrolls sideways (WCAG 1.4.10 reflow);
// wide tables scroll inside their own box and do not count.
export async function overflows(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}
