// SPDX-License-Identifier: AGPL-3.0-or-later
// Journey 7: a partner's site on another origin (a second loopback port)
// shows nordcal's upcoming events twice: in an iframe of /embed/{lang}/events
// and in a div that embed.js fills from the fragment route (CORS). Both show
// the same events, with links back to nordcal; the script takes the
// language from the host page's lang attribute; a link in the frame opens
// the event in the whole window.
import { createServer } from 'node:http';
import { assert, BASE } from '../lib/browser.mjs';

const FILTER = 'country=DK,FI,NO,SE';
const N = 4;

// hostPage is the partner's page: its own language, a frame and a div.
function hostPage(lang) {
  const tag = lang === 'no' ? 'nb' : lang;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner organisation</title></head>
<body>
<h1>Partner organisation</h1>
<iframe id="frame" src="${BASE}/embed/${lang}/events?${FILTER}&amp;n=${N}" title="Events" width="100%" height="700"></iframe>
<section lang="${tag}">
  <h2>Events</h2>
  <div id="list" data-nordcal-events="${FILTER}" data-nordcal-n="${N}" data-nordcal-theme="inherit"><a href="${BASE}/${lang}/events">Events</a></div>
</section>
<script src="${BASE}/static/js/embed.js" async></script>
</body>
</html>`;
}

// serve starts the partner's site on a free loopback port.
function serve(lang) {
  const server = createServer((req, res) => {
    // Anything else (the browser's favicon request) gets an empty answer.
    if (req.url !== '/') { res.writeHead(204).end(); return; }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(hostPage(lang));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const ids = (loc) => loc.evaluateAll((as) => as.map((a) => a.href));

export default {
  id: '7', name: 'partner site: the embed in an iframe and through embed.js, from another origin', langs: ['fi', 'no'], requires: '/embed/:lang/events',
  async run({ page, lang }) {
    const server = await serve(lang);
    try {
      const host = `http://127.0.0.1:${server.address().port}/`;
      assert(new URL(host).origin !== new URL(BASE).origin, 'the partner site is not on another origin');
      await page.goto(host);

      const frame = page.frameLocator('#frame');
      const framed = frame.locator('.nordcal-event .nordcal-title a');
      await framed.first().waitFor();
      const inFrame = await ids(framed);
      assert(inFrame.length > 0 && inFrame.length <= N, `the frame shows ${inFrame.length} events`);
      assert(await frame.locator('html').getAttribute('lang') === (lang === 'no' ? 'nb' : lang), 'the frame is not in the chosen language');

      await page.locator('#list[data-nordcal-state=loaded]').waitFor();
      const list = page.locator('#list .nordcal-embed');
      assert(await list.getAttribute('lang') === (lang === 'no' ? 'nb' : lang), `embed.js did not take the language from the host page: ${await list.getAttribute('lang')}`);
      const inDiv = await ids(list.locator('.nordcal-event .nordcal-title a'));
      assert(JSON.stringify(inDiv) === JSON.stringify(inFrame), `the script shows ${inDiv.join(' ')}, the frame ${inFrame.join(' ')}`);
      assert(inDiv.every((h) => h.startsWith(`${BASE}/${lang}/events/`)), `links do not lead to nordcal: ${inDiv.join(' ')}`);
      assert(await page.locator('#list script, #list iframe').count() === 0, 'the inserted list holds scripts or frames');
      assert(await page.locator('link[data-nordcal-css]').count() === 1, 'embed.js did not add its style sheet');

      await Promise.all([page.waitForURL(inFrame[0]), framed.first().click()]);
      return `${inFrame.length} event(s) in the frame and the script embed, from ${host}`;
    } finally {
      server.close();
    }
  },
};
