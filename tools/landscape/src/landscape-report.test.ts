import { demoUsers } from './landscape-env';
import { formatAppTable, formatTryIt, type TryItInput } from './landscape-report';

const apps = [
  { name: 'experience-mobile', root: 'apps/experience/mobile', layer: 'experience', port: 8081, url: 'http://127.0.0.1:8081' },
  { name: 'process-customer-sync', root: 'apps/process/customer-sync', layer: 'process', port: 8181, url: 'http://127.0.0.1:8181' },
  { name: 'emulators-identity', root: 'apps/emulators/identity', layer: 'emulator', port: 8385, url: 'http://127.0.0.1:8385' },
];

const input = (extra: Partial<TryItInput> = {}): TryItInput => ({
  demo: { client: { id: 'demo-app', secret: 's3cret-of-this-run' }, ...demoUsers() },
  mobileUrl: 'http://127.0.0.1:8081',
  identityUrl: 'http://127.0.0.1:8385',
  envFile: '.data/landscape/demo.env',
  ...extra,
});

describe('formatAppTable', () => {
  it('lists layer, app, port and URL in aligned columns, in the order given', () => {
    const lines = formatAppTable(apps).split('\n');
    expect(lines).toHaveLength(apps.length + 1);
    expect(lines[0]).toMatch(/^ {2}layer\s+app\s+port\s+URL$/);
    expect(lines.slice(1).map((line) => line.trim().split(/\s+/))).toEqual(apps.map((a) => [a.layer, a.name, String(a.port), a.url]));
    const urlColumn = lines.map((line) => line.indexOf('http'));
    expect(new Set(urlColumn.slice(1)).size).toBe(1);
    expect(lines[0]?.indexOf('URL')).toBe(urlColumn[1]);
  });

  it('marks the apps that are not ready', () => {
    const lines = formatAppTable(apps, [apps[1]!]).split('\n');
    expect(lines[2]).toMatch(/process-customer-sync .* NOT READY$/);
    expect(lines[1]).not.toContain('NOT READY');
  });
});

describe('formatTryIt', () => {
  it('shows the client secret, the users, the tokens as exports and a curl for GET /v1/me', () => {
    const text = formatTryIt(input({ customerKey: 'CK-000001', customerToken: 'eyJ.customer.token', advisorToken: 'eyJ.advisor.token' }));
    expect(text).toContain('x-client-secret: s3cret-of-this-run');
    expect(text).toContain('golden key CK-000001');
    expect(text).toContain('staff id S-0001');
    expect(text).toContain('export STRATA_CLIENT_SECRET=s3cret-of-this-run');
    expect(text).toContain('export CUSTOMER_TOKEN=eyJ.customer.token');
    expect(text).toContain('export ADVISOR_TOKEN=eyJ.advisor.token');
    expect(text).toContain('curl -s http://127.0.0.1:8081/v1/me -H "x-client-id: $STRATA_CLIENT_ID" -H "x-client-secret: $STRATA_CLIENT_SECRET" -H "authorization: Bearer $CUSTOMER_TOKEN"');
    expect(text).toContain(`-d client_id=strata-mobile -d username=demo.customer -d password=`);
  });

  it('says so instead of printing a curl when the demo customer could not be linked', () => {
    const text = formatTryIt(input({ advisorToken: 'eyJ.advisor.token' }));
    expect(text).toMatch(/customer\s+not registered/);
    expect(text).not.toContain('CUSTOMER_TOKEN');
    expect(text).not.toContain('/v1/me -H');
    expect(text).not.toContain('username=demo.customer');
    expect(text).toContain('-d client_id=strata-advisor -d username=demo.advisor');
  });
});
