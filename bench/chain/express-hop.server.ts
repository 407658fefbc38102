/**
 * One hop of a baseline chain: bare express 5 calling the next hop with bare
 * keep-alive axios (BENCH_CLIENT=axios) or a bare undici Pool (BENCH_CLIENT=undici).
 * No logging, no metrics, no breaker, no tokens, no validation: the floor a
 * hand-written chain would start from. Reports its port over IPC; exits on disconnect.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import express from 'express';
import { Pool } from 'undici';

const nextUrl = process.env['NEXT_URL'] ?? '';
const kind = process.env['BENCH_CLIENT'] === 'undici' ? 'undici' : 'axios';

function fetcher(): (path: string) => Promise<unknown> {
  if (kind === 'undici') {
    const pool = new Pool(nextUrl);
    return async (path) => (await pool.request({ method: 'GET', path })).body.json();
  }
  const client = axios.create({ baseURL: nextUrl, httpAgent: new http.Agent({ keepAlive: true }) });
  return async (path) => (await client.get(path)).data as unknown;
}

const fetchRecord = fetcher();
const app = express();
app.get('/v1/records/:id', async (req, res) => {
  res.json(await fetchRecord(`/v1/records/${encodeURIComponent(req.params.id)}`));
});

const server = app.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
server.keepAliveTimeout = 65_000;
process.once('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
