import type { LandscapeApp } from './landscape-apps';
import type { DemoCredentials } from './landscape-env';

/** What `npm start` got for the person trying the landscape. */
export interface TryItInput {
  demo: DemoCredentials;
  /** The demo customer's golden key; undefined when customer-sync had not linked them in time. */
  customerKey?: string;
  customerToken?: string;
  advisorToken?: string;
  mobileUrl: string;
  identityUrl: string;
  /** Where the same variables are saved, for `source`. */
  envFile: string;
}

function columns(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_cell, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd()).join('\n');
}

/** The table of apps: layer, name, port, URL, one line each, consumers first; apps not ready are marked. */
export function formatAppTable(apps: readonly LandscapeApp[], notReady: readonly LandscapeApp[] = []): string {
  const rows = apps.map((app) => [app.layer, app.name, String(app.port), app.url, notReady.includes(app) ? 'NOT READY' : '']);
  return columns([['layer', 'app', 'port', 'URL', ''], ...rows]);
}

/** Shell lines that set this run's credentials (what `demo.env` holds). */
export function credentialExports(input: TryItInput): string {
  const lines = [`export STRATA_CLIENT_ID=${input.demo.client.id}`, `export STRATA_CLIENT_SECRET=${input.demo.client.secret}`];
  if (input.customerToken) lines.push(`export CUSTOMER_TOKEN=${input.customerToken}`);
  if (input.advisorToken) lines.push(`export ADVISOR_TOKEN=${input.advisorToken}`);
  return lines.join('\n');
}

/** How to call the experience APIs with this run's demo client and users. */
export function formatTryIt(input: TryItInput): string {
  const { demo } = input;
  const customer = input.customerKey
    ? `${demo.customer.username} / ${demo.customer.password}  (golden key ${input.customerKey}, client ${demo.customer.clientId})`
    : `not registered: customer-sync had not linked ${demo.customer.username}'s record yet (see above)`;
  const people = columns([
    ['calling app', `x-client-id: ${demo.client.id}   x-client-secret: ${demo.client.secret}`],
    ['customer', customer],
    ['advisor', `${demo.advisor.username} / ${demo.advisor.password}  (staff id ${demo.advisor.subject}, ${demo.advisor.scopes.join(' ')})`],
    ['auditor', `${demo.auditor.username} / ${demo.auditor.password}  (staff id ${demo.auditor.subject}, ${demo.auditor.scopes.join(' ')})`],
  ]);
  const curl = input.customerToken
    ? `curl -s ${input.mobileUrl}/v1/me -H "x-client-id: $STRATA_CLIENT_ID" -H "x-client-secret: $STRATA_CLIENT_SECRET" -H "authorization: Bearer $CUSTOMER_TOKEN"`
    : '(no customer token this run)';
  return [
    `Try the experience APIs (credentials are new each run; saved in ${input.envFile}):`,
    '',
    people,
    '',
    credentialExports(input),
    '',
    curl,
    '',
    'Tokens last an hour; sign in again for a new one, as the app would:',
    ...[input.customerKey ? demo.customer : undefined, demo.advisor]
      .filter((user) => user !== undefined)
      .map((user) => `curl -s ${input.identityUrl}/oauth/token -d grant_type=password -d client_id=${user.clientId} -d username=${user.username} -d password=${user.password}`),
  ].join('\n');
}
