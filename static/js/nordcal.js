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


  // Event form: whole-day events hide the time fields, and the clash check
  // runs as the dates change (the "Check the dates" button does the same
  // without JavaScript). Results come from /api/v1/clashes, localized.
  function clashForm(form) {
    var region = form.querySelector('#clash-report');
    var allDay = form.querySelector('#all_day');
    var timer = null;
    function syncTimes() {
      form.querySelectorAll('.time-field').forEach(function (f) { f.hidden = allDay && allDay.checked; });
    }
    function val(name) { var el = form.elements[name]; return el ? el.value.trim() : ''; }
    function query() {
      var start = val('start_date'), end = val('end_date') || start;
      if (!start) { return null; }
      var p = new URLSearchParams();
      if (allDay && !allDay.checked) {
        if (!val('start_time') || !val('end_time')) { return null; }
        start += 'T' + val('start_time'); end += 'T' + val('end_time');
      }
      p.set('start', start); p.set('end', end); p.set('lang', form.dataset.lang);
      ['country', 'category', 'zone', 'city'].forEach(function (n) { if (val(n)) { p.set(n, val(n)); } });
      form.querySelectorAll('input[name=topics]:checked').forEach(function (c) { p.append('topic', c.value); });
      form.querySelectorAll('input[name=networks]:checked').forEach(function (c) { p.append('network_id', c.value); });
      if (val('organiser')) { p.set('organiser_id', val('organiser')); }
      form.querySelectorAll('select[name=co_organisers]').forEach(function (s) { if (s.value) { p.append('organiser_id', s.value); } });
      if (form.dataset.exclude) { p.set('exclude', form.dataset.exclude); }
      return p;
    }
    function render(r) {
      var h = region.querySelector('h2');
      region.textContent = '';
      region.appendChild(h);
      region.className = 'clash-report ' + (r.warnings.length ? 'clash-' + r.worst : 'clash-clear');
      var summary = document.createElement('p');
      summary.textContent = r.summary;
      region.appendChild(summary);
      var ol = document.createElement('ol');
      ol.className = 'warnings';
      r.warnings.forEach(function (w) {
        var li = document.createElement('li');
        li.className = 'warning level-' + w.level;
        var badge = document.createElement('span');
        badge.className = 'level-badge';
        badge.textContent = w.level_label;
        li.appendChild(badge);
        li.appendChild(document.createTextNode(' '));
        var title = document.createElement(w.url ? 'a' : 'span');
        if (w.url) { title.href = w.url; }
        title.lang = w.title_lang === 'no' ? 'nb' : w.title_lang;
        title.textContent = w.title;
        li.appendChild(title);
        var when = document.createElement('span');
        when.className = 'when';
        when.textContent = ' ' + w.when;
        li.appendChild(when);
        if (w.reasons.length) {
          var ul = document.createElement('ul');
          ul.className = 'reasons';
          w.reasons.forEach(function (t) { var r = document.createElement('li'); r.textContent = t; ul.appendChild(r); });
          li.appendChild(ul);
        }
        ol.appendChild(li);
      });
      if (r.warnings.length) { region.appendChild(ol); }
      if (r.more_pending) {
        var more = document.createElement('p');
        more.className = 'more-pending';
        more.textContent = r.more_pending;
        region.appendChild(more);
      }
      if (r.alternatives.length) {
        var h3 = document.createElement('h3');
        h3.textContent = region.dataset.alternativesLabel;
        region.appendChild(h3);
        var alt = document.createElement('ul');
        alt.className = 'alternatives';
        r.alternatives.forEach(function (a) { var li = document.createElement('li'); li.textContent = a.label; alt.appendChild(li); });
        region.appendChild(alt);
      }
      if (r.warnings.length) {
        var note = document.createElement('p');
        note.className = 'hint';
        note.textContent = region.dataset.notABlock;
        region.appendChild(note);
      }
    }
    function check() {
      var p = query();
      if (!p) { return; }
      fetch(form.dataset.clashApi + '?' + p.toString(), { headers: { Accept: 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (r) { if (r) { render(r); } })
        .catch(function () { /* the button still works */ });
    }
    form.addEventListener('change', function (ev) {
      if (ev.target === allDay) { syncTimes(); }
      clearTimeout(timer);
      timer = setTimeout(check, 300);
    });
    syncTimes();
  }

  document.addEventListener('DOMContentLoaded', function () {
    // A form sent back with errors: move focus to the summary so screen
    // readers announce it and keyboard users start from there.
    var summary = document.querySelector('.error-summary[tabindex]');
    if (summary) { summary.focus(); }
    document.querySelectorAll('form[data-clash-api]').forEach(clashForm);
    // A long organiser list gets a filter box: typing narrows the options
    // (accents and case ignored); the select itself stays the form field.
    document.querySelectorAll('select.searchable[data-filter-label]').forEach(function (sel) {
      var fold = function (s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); };
      var wrap = document.createElement('div');
      wrap.className = 'field';
      var label = document.createElement('label');
      label.htmlFor = sel.id + '-filter';
      label.textContent = sel.dataset.filterLabel;
      var input = document.createElement('input');
      input.type = 'search';
      input.id = sel.id + '-filter';
      input.setAttribute('aria-controls', sel.id);
      input.autocomplete = 'off';
      wrap.appendChild(label);
      wrap.appendChild(input);
      sel.parentNode.insertBefore(wrap, sel.previousElementSibling || sel);
      input.addEventListener('input', function () {
        var q = fold(input.value.trim());
        sel.querySelectorAll('option').forEach(function (o) {
          o.hidden = !!o.value && q !== '' && fold(o.textContent).indexOf(q) < 0 && !o.selected;
        });
      });
    });
    // On a phone the filters start folded so the results come first; an
    // active filter keeps them open.
    if (window.matchMedia('(max-width: 52rem)').matches) {
      document.querySelectorAll('details.filter-details').forEach(function (d) {
        if (!document.querySelector('.chips')) { d.removeAttribute('open'); }
      });
    }
    document.querySelectorAll('.copy-source').forEach(function (input) {
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
    document.querySelectorAll('.copy-source').forEach(function (input) {
      input.addEventListener('focus', function () { input.select(); });
    });
  });
})();
