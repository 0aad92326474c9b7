// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 4: the organiser uses the manage link to cancel; the public page
// shows the event cancelled and the feed carries STATUS:CANCELLED.
import { assert, fetchText, icsEvents, expectNoAxeViolations } from '../lib/browser.mjs';

export default {
  id: '4', name: 'organiser: cancel through the manage link, page and feed show it', langs: ['en', 'fi'], after: '3',
  async run({ page, lang, state }) {
    const sub = state.submissions?.[lang];
    assert(sub?.uid, `journey 3 (${lang}) did not publish the submission`);
    await page.goto(sub.link);
    // Cancelling asks for confirmation: the box must be ticked first.
    await page.locator('form[action$="/cancel"] input[name=confirm_cancel]').check();
    const cancel = page.locator('form[action$="/cancel"] button[type=submit]');
    await Promise.all([page.waitForLoadState('load'), cancel.click()]);
    await page.locator('.notice-success[role=status]').waitFor();
    assert(await page.locator('.state-cancelled').count() === 1, 'the manage page does not show the cancelled state');
    assert(await page.locator('form[action$="/reinstate"]').count() === 1, 'the manage page offers no way to undo the cancellation');
    await expectNoAxeViolations(page, `manage page after cancelling (${lang})`);

    await page.goto(`/${lang}/events/${sub.id}`);
    const notice = page.locator('.notice-cancelled');
    assert(await notice.count() === 1 && (await notice.innerText()).trim() !== '', 'the public page does not say the event is cancelled');
    await expectNoAxeViolations(page, `cancelled event page (${lang})`);

    const ev = icsEvents(await fetchText(`/feeds/events.ics?lang=${lang}`)).find((e) => e.UID === sub.uid);
    assert(ev, `UID ${sub.uid} left the feed instead of being cancelled`);
    assert(ev.STATUS === 'CANCELLED', `feed STATUS=${ev.STATUS}, want CANCELLED`);
    return `event ${sub.id} cancelled; feed STATUS:CANCELLED, SUMMARY "${ev.SUMMARY}"`;
  },
};
