/*
 * The landscape page: polls /api/landscape and redraws every app by layer, the sync
 * tables and the states in the layer picture. Plain DOM (textContent only, never
 * innerHTML with the apps' answers), no framework, no inline script (the page runs
 * under the CSP).
 */
(function () {
  'use strict';
  var LAYERS = [
    { id: 'experience', title: 'Experience APIs' },
    { id: 'process', title: 'Process APIs' },
    { id: 'system', title: 'System APIs' },
    { id: 'emulator', title: 'Emulators (stand-in backends)' },
  ];
  var STATUS_TEXT = {
    unknown: 'not checked yet',
    ready: 'ready',
    degraded: 'degraded (ready, a breaker is not closed)',
    'not-ready': 'not ready',
    'shutting-down': 'shutting down',
    unreachable: 'unreachable',
  };
  /** Until the first answer says how often the portal polls the apps. */
  var refreshMs = 2000;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function table(caption, headers, rows) {
    var head = el('tr', {}, headers.map(function (h) { return el('th', { scope: 'col', text: h }); }));
    var body = rows.map(function (cells) { return el('tr', {}, cells.map(function (c) { return el('td', { text: String(c) }); })); });
    return el('table', {}, [el('caption', { text: caption }), el('thead', {}, [head]), el('tbody', {}, body)]);
  }

  function statusBadge(status) {
    return el('span', { class: 'badge status-' + status, 'data-status': status, text: STATUS_TEXT[status] || status });
  }

  function appCard(app) {
    var id = 'app-' + app.name;
    var facts = [el('p', { class: 'status' }, ['Status: ', statusBadge(app.status), app.latencyMs === null ? '' : ' (' + app.latencyMs + ' ms)'])];
    if (app.error) facts.push(el('p', { class: 'error', text: 'Problem: ' + app.error }));
    facts.push(el('p', { class: 'url' }, ['Base URL: ', el('code', { text: app.url })]));
    if (app.calls.length) facts.push(el('p', { class: 'calls', text: 'Calls: ' + app.calls.join(', ') }));
    var checks = Object.keys(app.checks);
    if (checks.length) facts.push(table('Readiness checks', ['Check', 'State'], checks.map(function (name) { return [name, app.checks[name].status]; })));
    facts.push(
      app.breakers.length
        ? table('Breakers (circuit state of its calls)', ['Upstream', 'State'], app.breakers.map(function (b) { return [b.name, b.state]; }))
        : el('p', { class: 'breakers', text: 'Breakers: none reported' }),
    );
    var docs = el('a', { href: '/docs/' + encodeURIComponent(app.name), 'data-focus-key': 'docs-' + app.name }, ['OpenAPI documentation', el('span', { class: 'visually-hidden', text: ' of ' + app.name })]);
    facts.push(el('p', {}, [docs]));
    return el('li', { class: 'app', 'data-app': app.name, 'data-layer': app.layer, 'data-status': app.status }, [
      el('article', { 'aria-labelledby': id }, [el('h3', { id: id, text: app.name })].concat(facts)),
    ]);
  }

  /** Redraws without losing the keyboard focus: the focused link is focused again in the new markup. */
  function keepingFocus(render) {
    var active = document.activeElement;
    var key = active && active.getAttribute ? active.getAttribute('data-focus-key') : null;
    render();
    if (!key) return;
    var again = document.querySelector('[data-focus-key="' + CSS.escape(key) + '"]');
    if (again) again.focus();
  }

  function renderLayers(apps) {
    var container = document.getElementById('layers');
    var sections = LAYERS.map(function (layer) {
      var inLayer = apps.filter(function (app) { return app.layer === layer.id; });
      if (!inLayer.length) return null;
      var headingId = 'layer-' + layer.id;
      return el('section', { class: 'layer', 'data-layer': layer.id, 'aria-labelledby': headingId }, [
        el('h2', { id: headingId, text: layer.title }),
        el('ul', { class: 'apps' }, inLayer.map(appCard)),
      ]);
    });
    container.replaceChildren.apply(container, sections.filter(Boolean));
  }

  function orDash(value) { return value === null || value === undefined ? '—' : value; }

  function renderSync(apps) {
    var withSync = apps.filter(function (app) { return app.sync; });
    var section = document.getElementById('sync-section');
    section.hidden = withSync.length === 0;
    var blocks = withSync.map(function (app) {
      var parts = [el('h3', { text: app.name })];
      var health = app.sync.health;
      if (!health) parts.push(el('p', { class: 'error', text: 'Sync status unavailable: ' + (app.sync.error || 'not read yet') }));
      else {
        parts.push(table('Source feeds: how far behind each system the sync is', ['System', 'Lag (s)', 'Consuming', 'Last read', 'Last error'],
          health.sources.map(function (s) { return [s.system, orDash(s.lagSeconds), s.consuming ? 'yes' : 'no', orDash(s.lastReadAt), orDash(s.lastError)]; })));
        parts.push(table('Deliveries: outbox and dead letters per system', ['System', 'Outbox', 'Oldest pending (s)', 'Dead letters', 'Breaker', 'Last error'],
          health.targets.map(function (t) { return [t.system, t.outboxDepth, orDash(t.oldestPendingSeconds), t.deadLetters, t.breaker, orDash(t.lastError)]; })));
        parts.push(el('p', { text: 'Open match reviews: ' + health.openReviews }));
      }
      return el('div', { class: 'sync', 'data-app': app.name }, parts);
    });
    var sync = document.getElementById('sync');
    sync.replaceChildren.apply(sync, blocks);
  }

  function renderDiagramStates(apps) {
    apps.forEach(function (app) {
      var node = document.querySelector('#diagram g.node[data-app="' + CSS.escape(app.name) + '"]');
      if (!node) return;
      var text = STATUS_TEXT[app.status] || app.status;
      node.setAttribute('data-status', app.status);
      node.querySelector('.node-status').textContent = app.status;
      node.querySelector('title').textContent = app.name + ': ' + text;
    });
  }

  function renderSummary(view) {
    var up = view.apps.filter(function (a) { return a.status === 'ready' || a.status === 'degraded'; }).length;
    var when = view.polledAt ? new Date(view.polledAt).toLocaleTimeString() : 'not yet';
    document.getElementById('summary').textContent = up + ' of ' + view.apps.length + ' apps ready. Last checked: ' + when + '.';
  }

  function refresh() {
    fetch('/api/landscape', { headers: { accept: 'application/json' } })
      .then(function (res) {
        if (!res.ok) throw new Error('the portal answered ' + res.status);
        return res.json();
      })
      .then(function (view) {
        keepingFocus(function () { renderLayers(view.apps); });
        renderSync(view.apps);
        renderDiagramStates(view.apps);
        renderSummary(view);
        document.body.setAttribute('data-polled-at', view.polledAt || '');
        refreshMs = view.pollIntervalMs || refreshMs;
      })
      .catch(function (error) {
        document.getElementById('summary').textContent = 'The portal itself did not answer (' + error.message + '); retrying.';
      })
      .finally(function () { setTimeout(refresh, refreshMs); });
  }

  function loadDiagram() {
    fetch('/api/diagram.svg')
      .then(function (res) { return res.text(); })
      .then(function (text) {
        var svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
        var box = document.getElementById('diagram');
        box.replaceChildren(document.importNode(svg, true));
      })
      .catch(function () { document.getElementById('diagram').textContent = 'The picture could not be loaded.'; });
  }

  loadDiagram();
  refresh();
})();
