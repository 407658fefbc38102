/**
 * The benchmark's upstream: a keep-alive node:http server answering one small JSON
 * document. It runs in its own process (forked by client.bench.ts) so the server's work
 * does not share an event loop with the client being measured. It reports its port over
 * IPC and exits when the parent disconnects.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const payload = JSON.stringify({ id: 'g-1', text: 'hello from the bench upstream', language: 'en' });
const length = Buffer.byteLength(payload);

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': length });
    res.end(payload);
  });
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port, payloadBytes: length });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
