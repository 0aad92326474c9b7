// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 9: the secretariat adds a document with a small PDF, attaches it
// to an event as its agenda, and finds it on the event's public page and
// in the documents library through its filters.
import { assert, expectNoAxeViolations, signIn, BASE } from '../lib/browser.mjs';

// A one-page PDF, as small as a PDF gets.
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export default {
  id: '9', name: 'secretariat: document with a PDF, attached to an event, on the event page and in the library',
  langs: ['en', 'fi'], requires: '/admin/directory/documents/:id',
  async run({ page, lang, newPage }) {
    const visitor = await newPage();
    await visitor.goto(`/${lang}/events`);
    const href = await visitor.locator('.event-list a[href*="/events/"]').first().getAttribute('href');
    const eventID = href.split('/').pop();

    await signIn(page, lang);
    await page.goto(`/admin/directory/documents/new?lang=${lang}`);
    const title = `Journey agenda ${lang.toUpperCase()} ${Date.now().toString(36)}`;
    const year = new Date().getFullYear();
    await page.locator('#f-original_lang').selectOption('en');
    await page.locator('#f-title_en').fill(title);
    await page.locator('#f-summary_en').fill('Agenda of the meeting, with the papers to read beforehand.');
    await page.locator('#f-type').selectOption('minutes');
    await page.locator('#f-country').selectOption('FI');
    await page.locator('#f-date').fill(`${year}-03-02`);
    await page.locator('#f-lang-en').check();
    await page.locator('#f-topic-victims').check();
    await page.locator('#f-file').setInputFiles({ name: 'Agenda (draft).pdf', mimeType: 'application/pdf', buffer: pdf });
    await Promise.all([page.waitForURL(/\/admin\/directory\/documents\/\d+$/), page.locator('.document-form button[type=submit]').click()]);
    const docID = page.url().split('/').pop();
    await expectNoAxeViolations(page, `document page (${lang})`);

    // Attach it from the event's secretariat page.
    await page.goto(`/admin/events/${eventID}`);
    await page.locator('#attach-document').selectOption(docID);
    await page.locator('#attach-role').selectOption('agenda');
    const role = (await page.locator('#attach-role option[value=agenda]').innerText()).trim();
    await Promise.all([page.waitForURL(new RegExp(`/admin/events/${eventID}`)), page.locator('.attach-form button[type=submit]').click()]);
    assert(await page.locator('.event-documents .attachments li', { hasText: title }).count() === 1, 'the attachment is not on the event\'s secretariat page');

    await visitor.goto(`/${lang}/events/${eventID}`);
    const link = visitor.locator('.event-documents .doc-item a', { hasText: title });
    assert(await link.count() === 1, `"${title}" is not on the public event page`);
    assert((await visitor.locator('.event-documents .doc-item', { hasText: title }).innerText()).includes(role), `the document is not marked "${role}"`);
    const file = await link.getAttribute('href');
    assert(file === `/files/documents/${docID}`, `the link leads to ${file}`);
    const res = await fetch(BASE + file);
    const body = Buffer.from(await res.arrayBuffer());
    assert(res.status === 200 && res.headers.get('content-type') === 'application/pdf' && body.subarray(0, 5).toString() === '%PDF-',
      `the file answers ${res.status} ${res.headers.get('content-type')}`);
    assert(/attachment; filename="agenda-draft\.pdf"/.test(res.headers.get('content-disposition')), `Content-Disposition: ${res.headers.get('content-disposition')}`);
    await expectNoAxeViolations(visitor, `event page with documents (${lang})`);

    // The library, filtered by type, topic and year with the form.
    await visitor.goto(`/${lang}/documents`);
    await visitor.locator('#d-type').selectOption('minutes');
    await visitor.locator('#d-topic').selectOption('victims');
    await visitor.locator('#d-year').selectOption(String(year));
    await Promise.all([visitor.waitForURL(/\/documents\?/), visitor.locator('.doc-filters button[type=submit]').click()]);
    assert(await visitor.locator('.doc-item a', { hasText: title }).count() === 1, `"${title}" is not in the filtered library`);
    await visitor.locator('#d-topic').selectOption('children');
    await Promise.all([visitor.waitForURL(/topic=children/), visitor.locator('.doc-filters button[type=submit]').click()]);
    assert(await visitor.locator('.doc-item a', { hasText: title }).count() === 0, 'the library ignores the topic filter');
    await expectNoAxeViolations(visitor, `filtered library (${lang})`);
    return `document ${docID} on event ${eventID}, ${body.length} bytes`;
  },
};
