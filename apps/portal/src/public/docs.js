/* The docs page: renders one app's OpenAPI document (proxied by the portal) with swagger-ui. */
(function () {
  'use strict';
  var name = decodeURIComponent(window.location.pathname.split('/')[2] || '');
  var status = document.getElementById('docs-status');
  document.getElementById('app-name').textContent = name;
  document.title = name + ' · API documentation · Strata portal';
  var url = '/api/apps/' + encodeURIComponent(name) + '/openapi.json';

  fetch(url, { headers: { accept: 'application/json' } })
    .then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok) throw new Error((body && (body.detail || body.title)) || 'the portal answered ' + res.status);
        return body;
      });
    })
    .then(function (spec) {
      // Documentation only: the page's CSP lets it call the portal alone, not the apps.
      window.SwaggerUIBundle({ spec: spec, dom_id: '#swagger-ui', supportedSubmitMethods: [], validatorUrl: null, deepLinking: true });
      status.textContent = 'Documentation of ' + name + ' (' + ((spec.info && spec.info.title) || 'untitled') + ').';
    })
    .catch(function (error) {
      status.textContent = 'No documentation for ' + name + ': ' + error.message;
    });
})();
