// SPDX-License-Identifier: AGPL-3.0-or-later
// The page list: pages.json (kept complete against the route table by
// TestBrowserPageListCoversRoutes) with its placeholders filled in from the
// running demo instance.
import { readFileSync } from 'node:fs';
import { fetchJSON, fetchText, signIn } from './browser.mjs';

const here = new URL('..', import.meta.url);
export const pageList = JSON.parse(readFileSync(new URL('pages.json', here), 'utf8'));

// hasRoute reports whether the route table (through pages.json) has a route.
export function hasRoute(route) {
  return pageList.pages.some((p) => p.route === route) || pageList.excluded.some((p) => p.route === route);
}

// allEvents lists every public event of the demo through the JSON API.
export async function allEvents() {
  const out = [];
  for (let page = 1; page < 100; page++) {
    const r = await fetchJSON(`/api/v1/events?lang=en&per_page=200&page=${page}`);
    out.push(...r.events);
    if (out.length >= r.total || r.events.length === 0) { break; }
  }
  return out;
}

// knownClash finds the demo's deliberate clash: a conference in Denmark and
// one in Sweden that starts a day later.
export async function knownClash(events) {
  events ??= await allEvents();
  const day = (e) => e.all_day ? e.start_date : e.start.slice(0, 10);
  const confs = events.filter((e) => e.category === 'conference' && e.status === 'published');
  for (const dk of confs.filter((e) => e.country === 'DK')) {
    const next = new Date(day(dk) + 'T12:00:00Z');
    next.setUTCDate(next.getUTCDate() + 1);
    const se = confs.find((e) => e.country === 'SE' && day(e) === next.toISOString().slice(0, 10));
    if (se) { return { dk, se, first: day(dk) }; }
  }
  throw new Error('the demo data has no Copenhagen/Stockholm conference clash');
}

// resolve fills the placeholders that do not depend on the language.
// state may already hold values from the journeys (manage.token).
export async function placeholders(ctx, state = {}) {
  const events = await allEvents();
  const clash = await knownClash(events);
  const pick = (what, f) => {
    const e = events.find(f);
    if (!e) { throw new Error(`the demo data has no ${what} event`); }
    return String(e.id);
  };
  const v = {
    'event.conference': String(clash.dk.id),
    'conference.year': clash.first.slice(0, 4),
    'conference.month': clash.first.slice(5, 7),
    'event.cancelled': pick('cancelled', (e) => e.status === 'cancelled'),
    'event.tentative': pick('tentative', (e) => e.status === 'tentative'),
    // Fewest translations: most pages show it in another language.
    'event.fallback': String([...events].sort((a, b) => Object.keys(a.translations).length - Object.keys(b.translations).length)[0].id),
    ...state,
  };
  if (hasRoute('/:lang/directory')) {
    const people = (await fetchJSON('/api/v1/people?lang=en')).people;
    const person = people.find((x) => x.family_name === 'Mäkelä') ?? people[0];
    v['dir.person'] = String(person.id);
    v['dir.organisation'] = person.organisation;
    const html = await fetchText(`/en/directory/people/${person.id}`);
    v['dir.network'] = (html.match(/href="\/en\/directory\/networks\/([^"/?]+)"/) ?? [])[1];
    if (!v['dir.network']) { throw new Error(`person ${person.id} belongs to no network`); }
  }
  const page = await ctx.newPage();
  try {
    await signIn(page);
    if (hasRoute('/admin/directory/organisations/:id')) {
      await page.goto('/admin/directory');
      v['admin.organisation'] = (await page.locator('main a[href^="/admin/directory/organisations/"]:not([href$="/new"])').first().getAttribute('href')).split('/').pop();
    }
    if (hasRoute('/admin/directory/networks/:id')) {
      await page.goto('/admin/directory/networks');
      v['admin.network'] = (await page.locator('main a[href^="/admin/directory/networks/"]:not([href$="/new"])').first().getAttribute('href')).split('/').pop();
    }
    if (hasRoute('/admin/directory/documents/:id')) {
      await page.goto('/admin/directory/documents');
      v['admin.document'] = (await page.locator('main a[href^="/admin/directory/documents/"]:not([href$="/new"])').first().getAttribute('href')).split('/').pop();
    }
    await page.goto('/admin/moderation');
    v['admin.pending'] = (await page.locator('main a[href^="/admin/events/"]').first().getAttribute('href')).split('/').pop();
    await page.goto('/admin/users');
    v['admin.user'] = (await page.locator('main a[href^="/admin/users/"]').first().getAttribute('href')).split('/').pop();
  } finally {
    await page.close();
  }
  return v;
}

// fill replaces {name} placeholders in a path.
export function fill(path, lang, values) {
  return path.replace(/\{([a-z.]+)\}/g, (m, k) => {
    if (k === 'lang') { return lang; }
    if (!(k in values)) { throw new Error(`no value for ${m} in ${path}`); }
    return values[k];
  });
}
