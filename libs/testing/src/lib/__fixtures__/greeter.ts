/** The greeter pair used by libs/testing's own Pact self-test. */
import express from 'express';

/** The consumer side: a tiny client of the greeter, as an app's http client would be. */
export async function fetchGreeting(baseUrl: string, name: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}/greetings/${encodeURIComponent(name)}`, { headers: { accept: 'application/json' } });
  return { status: res.status, body: await res.json() };
}

/** The provider side, in the pact-js examples style: a factory over its data. */
export function createGreeterApp(people: Map<string, number>, options: { visitsAsText?: boolean } = {}): express.Express {
  const app = express();
  app.get('/greetings/:name', (req, res) => {
    const visits = people.get(req.params.name);
    if (visits === undefined) {
      res.status(404).type('application/problem+json').json({ title: 'Not Found', status: 404 });
      return;
    }
    const name = req.params.name;
    res.json({ name, message: `Hello, ${name}`, visits: options.visitsAsText ? String(visits) : visits });
  });
  return app;
}


export const CONSUMER = 'testing-consumer';
export const PROVIDER = 'testing-greeter';
