// SPDX-License-Identifier: AGPL-3.0-or-later
// nordcal page script. Every page works without it; it only improves:
// - remembers the visitor's own time zone so event pages can show local times;
// - adds copy buttons next to feed URLs (labels come from the page, in its language);
// - folds the filter form on phones so results come first.
(function () {
  'use strict';
  try {
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && /^[A-Za-z_]+\/[A-Za-z_\/+-]+$/.test(tz) && document.cookie.indexOf('tz=' + tz) === -1) {
      document.cookie = 'tz=' + tz + '; path=/; max-age=31536000; SameSite=Lax';
    }
  } catch (e) { /* no Intl: the server's guess stands */ }

  document.addEventListener('DOMContentLoaded', function () {
    // On a phone the filters start folded so the results come first; an
    // active filter keeps them open.
    if (window.matchMedia('(max-width: 52rem)').matches) {
      document.querySelectorAll('details.filter-details').forEach(function (d) {
        if (!document.querySelector('.chips')) { d.removeAttribute('open'); }
      });
    }
    document.querySelectorAll('input.copy-source').forEach(function (input) {
      if (!navigator.clipboard || !input.dataset.copyLabel) { return; }
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'button button-secondary copy-button';
      b.textContent = input.dataset.copyLabel;
      b.setAttribute('aria-describedby', input.id);
      b.addEventListener('click', function () {
        navigator.clipboard.writeText(input.value).then(function () {
          b.textContent = input.dataset.copiedLabel;
        });
      });
      input.insertAdjacentElement('afterend', b);
    });
    document.querySelectorAll('input.copy-source').forEach(function (input) {
      input.addEventListener('focus', function () { input.select(); });
    });
  });
})();
