// SPDX-License-Identifier: AGPL-3.0-or-later
// The browser suite: journeys in a real Chromium, then the axe scan of every
// page in pages.json in every language, with screenshots. Run it through
// `bash .ci/browser/run`, which builds and starts the app; this script only
// needs NORDCAL_URL, NORDCAL_ADMIN_EMAIL and NORDCAL_ADMIN_PASSWORD.
//
//   node suite.mjs [--journeys-only | --scan-only] [--journey ID]
import { mkdirSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { BASE, LANGS, launch, context } from './lib/browser.mjs';
import { hasRoute, pageList, placeholders } from './lib/pages.mjs';
import { register } from './lib/forms.mjs';
import { scan } from './lib/scan.mjs';

const args = process.argv.slice(2);
const only = args.includes('--journey') ? args[args.indexOf('--journey') + 1] : null;
const artifacts = process.env.ARTIFACTS || new URL('artifacts', import.meta.url).pathname;
if (!BASE) { console.error('NORDCAL_URL is not set; run bash .ci/browser/run'); process.exit(2); }

// Journeys the issue asks for; a journey that needs a route runs once the
// route exists (pages.json follows the route table) and must exist then.
const required = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', 'keyboard'];

rmSync(`${artifacts}/screenshots`, { recursive: true, force: true });
rmSync(`${artifacts}/failures`, { recursive: true, force: true });
mkdirSync(`${artifacts}/failures`, { recursive: true });
const failures = [];
const lines = [];
const log = (s) => { console.log(s); lines.push(s); };
const secs = (t0) => ((Date.now() - t0) / 1000).toFixed(1) + ' s';

const browser = await launch();
const state = {};
try {
  if (!args.includes('--scan-only')) {
    const dir = new URL('journeys/', import.meta.url);
    const journeys = [];
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
      journeys.push((await import(new URL(f, dir))).default);
    }
    // --journey ID also runs the journeys it continues from (after).
    const wanted = new Set();
    for (let id = only; id; id = journeys.find((x) => x.id === id)?.after) { wanted.add(id); }
    log('Journeys');
    for (const id of required) {
      const j = journeys.find((x) => x.id === id);
      if (only && !wanted.has(id)) { continue; }
      if (j?.requires && !hasRoute(j.requires)) {
        log(`  - journey ${id} (${j.name}): not run, ${j.requires} is not in the route table`);
        continue;
      }
      if (!j) {
        failures.push(`journey ${id} is missing from .ci/browser/journeys/`);
        log(`  ✗ journey ${id}: missing from .ci/browser/journeys/`);
        continue;
      }
      for (const lang of j.langs) {
        const ctx = await context(browser);
        const page = await ctx.newPage();
        const t0 = Date.now();
        try {
          const note = await j.run({ browser, page, lang, state, newPage: () => ctx.newPage() });
          if (ctx.problems.length) { throw new Error(ctx.problems.join('\n')); }
          log(`  ✓ journey ${id} [${lang}] ${j.name} – ${secs(t0)}${note ? ` (${note})` : ''}`);
        } catch (e) {
          const shot = `${artifacts}/failures/journey-${id}-${lang}.png`;
          await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
          failures.push(`journey ${id} [${lang}]: ${e.message}`);
          log(`  ✗ journey ${id} [${lang}] ${j.name} – ${secs(t0)}\n      ${e.message.split('\n').join('\n      ')}\n      at ${page.url()} (screenshot ${shot})`);
        } finally {
          await ctx.close();
        }
      }
    }
  }

  if (!args.includes('--journeys-only') && !only) {
    const t0 = Date.now();
    const ctx = await context(browser);
    let token = Object.values(state.submissions ?? {})[0]?.link;
    if (!token) { token = await register(await ctx.newPage(), 'en', { title: 'Accessibility scan', start: '2027-09-01', end: '2027-09-01', who: { name: 'Scan', email: 'scan@example.org' } }); }
    const values = await placeholders(ctx, { 'manage.token': token.split('/').pop() });
    await ctx.close();
    const checked = await scan(browser, values, { artifacts });
    const perLang = checked.filter((c) => c.lang === LANGS[0]);
    const generic = (url) => url.replace(`/${LANGS[0]}/`, '/{lang}/').replace(`lang=${LANGS[0]}`, 'lang={lang}');
    log(`\naxe-core (WCAG 2.1 A/AA) and nordcal's own checks: ${perLang.length} pages × ${LANGS.length} languages = ${checked.length} page views – ${secs(t0)}`);
    for (const c of perLang) { log(`  ${c.name}: ${generic(c.url)}`); }
    const bad = checked.filter((c) => c.violations.length);
    for (const c of bad) {
      failures.push(`${c.url} (${c.name}): ${c.violations.length} problem(s)`);
      log(`  ✗ ${c.url} (${c.name}):\n      ${c.violations.join('\n      ')}`);
    }
    if (!bad.length) { log('  no violations on any page in any language'); }
    const shots = readdirSync(`${artifacts}/screenshots`).length;
    log(`  ${shots} screenshots in ${artifacts}/screenshots (desktop 1280×800 and phone 360×740)`);
    log(`  ${pageList.excluded.length} routes excluded with a reason (pages.json)`);
  }
} finally {
  await browser.close();
}
log(failures.length ? `\nbrowser suite FAILED: ${failures.length} failure(s)` : '\nbrowser suite passed');
writeFileSync(`${artifacts}/summary.txt`, lines.join('\n') + '\n');
process.exit(failures.length ? 1 : 0);
