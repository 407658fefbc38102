import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';

const scrypt = (secret: BinaryLike, salt: BinaryLike, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCallback(secret, salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));

/** scrypt cost: 2^14, the Node default, about 50 ms once per client secret (verified secrets are cached). */
const COST = 16_384;
const KEY_LENGTH = 32;

/**
 * Hashes an API client secret for config: `scrypt$<N>$<salt base64url>$<hash base64url>`,
 * a fresh random salt per key. Config and logs only ever hold this form.
 */
export async function hashApiKey(secret: string, salt: Buffer = randomBytes(16)): Promise<string> {
  const hash = await scrypt(secret, salt, KEY_LENGTH, { N: COST });
  return `scrypt$${COST}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** True when `secret` hashes to `stored`; constant-time compare; false for malformed hashes. */
export async function verifyApiKey(secret: string, stored: string): Promise<boolean> {
  const [scheme, cost, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !cost || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(cost), maxmem: 256 * Number(cost) * 8 });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A calling app: its id, its secret's hash, and the SLA tier its traffic is limited by. */
export interface ApiClient {
  id: string;
  secretHash: string;
  tier: string;
}

/** What a request is known to come from once its key checked out. */
export interface AuthenticatedClient {
  id: string;
  tier: string;
}

/**
 * The registered calling apps. scrypt is deliberately slow, so a secret that checked
 * out is remembered by its sha256 (in memory, per client); a wrong secret is hashed
 * with scrypt every time, so guessing stays slow.
 */
export class ApiClientRegistry {
  private readonly clients: Map<string, ApiClient>;
  private readonly verified = new Map<string, Buffer>();

  constructor(clients: readonly ApiClient[]) {
    this.clients = new Map(clients.map((c) => [c.id, c]));
  }

  /** The client when id and secret match, else undefined (unknown id and wrong secret look the same). */
  async authenticate(id: string, secret: string): Promise<AuthenticatedClient | undefined> {
    const client = this.clients.get(id);
    if (!client) return undefined;
    const digest = createHash('sha256').update(secret).digest();
    const known = this.verified.get(id);
    if (known && timingSafeEqual(known, digest)) return { id, tier: client.tier };
    if (!(await verifyApiKey(secret, client.secretHash))) return undefined;
    this.verified.set(id, digest);
    return { id, tier: client.tier };
  }
}
