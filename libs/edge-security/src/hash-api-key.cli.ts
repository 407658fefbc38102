/**
 * Prints the hash of a calling app's secret for API_CLIENTS, reading the secret from
 * stdin so it stays out of shell history:
 *   printf %s "$SECRET" | npx tsx libs/edge-security/src/hash-api-key.cli.ts
 */
import { hashApiKey } from './lib/api-keys';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const secret = Buffer.concat(chunks).toString('utf8');
  if (secret.length < 16) throw new Error('a client secret needs at least 16 characters');
  process.stdout.write(`${await hashApiKey(secret)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
