// SPDX-License-Identifier: AGPL-3.0-or-later
// nordcal embed script, for other sites: fills every
//   <div data-nordcal-events="country=FI&category=conference" data-nordcal-n="5"></div>
// with the list of upcoming events, fetched as server-rendered, escaped HTML
// from /embed/{lang}/events.fragment on the nordcal site the script came
// from. Options: data-nordcal-lang (else the page's nearest lang attribute,
// else en), data-nordcal-n, -style, -filters, -theme (as on the embed page),
// data-nordcal-css="none" to leave out nordcal's small style sheet. Without
// JavaScript, or if the fetch fails, whatever the div holds (a link to the
// list) stays. No dependencies, no eval, no inline styles.
(function () {
  'use strict';
  var script = document.currentScript ||
    document.querySelector('script[src$="/static/js/embed.js"]');
  if (!script || !window.fetch || !window.DOMParser) { return; }
  var src = new URL(script.src, document.baseURI);
  var base = src.origin + src.pathname.replace(/\/static\/js\/embed\.js$/, '');
  var langs = ['fi', 'sv', 'da', 'no', 'en'];
  var options = ['n', 'style', 'filters', 'theme'];

  function langOf(el) {
    var holder = el.closest('[lang]');
    var v = (el.getAttribute('data-nordcal-lang') || (holder && holder.getAttribute('lang')) || '').toLowerCase();
    v = v.split(/[-_]/)[0];
    if (v === 'nb' || v === 'nn') { v = 'no'; }
    return langs.indexOf(v) >= 0 ? v : 'en';
  }

  // clean removes anything active from the fragment. The server sends
  // none; this only guards a host page against a tampered answer.
  function clean(root) {
    root.querySelectorAll('script, style, link, iframe, object, embed, form, base, meta').forEach(function (n) { n.remove(); });
    root.querySelectorAll('*').forEach(function (n) {
      for (var i = n.attributes.length - 1; i >= 0; i--) {
        var a = n.attributes[i];
        if (/^on/i.test(a.name) || a.name === 'style' ||
            ((a.name === 'href' || a.name === 'src') && !/^https?:/i.test(a.value))) {
          n.removeAttribute(a.name);
        }
      }
    });
    return root;
  }

  function addStyles() {
    if (document.querySelector('link[data-nordcal-css]')) { return; }
    var link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = base + '/static/css/embed.css';
    link.setAttribute('data-nordcal-css', '');
    document.head.appendChild(link);
  }

  function fill(el) {
    if (el.getAttribute('data-nordcal-state')) { return; }
    el.setAttribute('data-nordcal-state', 'loading');
    el.setAttribute('aria-busy', 'true');
    var q = new URLSearchParams(el.getAttribute('data-nordcal-events') || '');
    options.forEach(function (name) {
      var v = el.getAttribute('data-nordcal-' + name);
      if (v) { q.set(name, v); }
    });
    var qs = q.toString();
    var url = base + '/embed/' + langOf(el) + '/events.fragment' + (qs ? '?' + qs : '');
    if (el.getAttribute('data-nordcal-css') !== 'none') { addStyles(); }
    fetch(url, { credentials: 'omit', mode: 'cors' }).then(function (res) {
      if (!/^text\/html/.test(res.headers.get('Content-Type') || '')) { throw new Error('nordcal: ' + res.status); }
      return res.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var section = doc.querySelector('.nordcal-embed');
      if (!section) { throw new Error('nordcal: no list in the answer'); }
      el.replaceChildren(document.importNode(clean(section), true));
      el.setAttribute('data-nordcal-state', 'loaded');
    }).catch(function () {
      el.setAttribute('data-nordcal-state', 'failed');
    }).then(function () {
      el.removeAttribute('aria-busy');
    });
  }

  function run() { document.querySelectorAll('[data-nordcal-events]').forEach(fill); }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', run);
  } else {
    run();
  }
})();
