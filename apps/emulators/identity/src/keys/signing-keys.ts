import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { readJsonFile, writeJsonFile } from '../data-file';

/** One key pair as kept on disk: the private JWK (which holds the public part) and when it was made. */
interface StoredKey {
  kid: string;
  createdAt: string;
  privateJwk: JWK;
}

/** The key that signs new tokens. */
export interface ActiveKey {
  kid: string;
  privateKey: KeyLike | Uint8Array;
}

const FILE = 'signing-keys.json';

/** The public half of a private EC JWK, marked for ES256 signatures under its key id. */
function publicJwk(key: StoredKey): JWK {
  const { kty, crv, x, y } = key.privateJwk;
  return { kty, crv, x, y, kid: key.kid, alg: 'ES256', use: 'sig' };
}

async function newKey(): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  // RFC 7638 thumbprint: the same key always gets the same id, and ids never collide by chance.
  const kid = await calculateJwkThumbprint(privateJwk);
  return { kid, createdAt: new Date().toISOString(), privateJwk };
}

/**
 * The emulator's ES256 signing keys, kept in `<dataDir>/signing-keys.json` (mode 0600)
 * so a restart signs with the same key and every token issued before it still verifies.
 * The newest key signs; older ones stay published in the JWKS until `kept` newer keys
 * replace them, which is how a real provider rotates without logging anyone out.
 */
export class SigningKeys {
  private constructor(
    private readonly file: string,
    private readonly kept: number,
    private keys: StoredKey[],
    private active: ActiveKey,
  ) {}

  /** Loads the keys under `dataDir`, making (and saving) the first one when there are none. */
  static async open(dataDir: string, options: { kept?: number } = {}): Promise<SigningKeys> {
    const file = path.join(dataDir, FILE);
    let keys = ((await readJsonFile(file)) as StoredKey[] | undefined) ?? [];
    if (keys.length === 0) {
      keys = [await newKey()];
      await writeJsonFile(file, keys);
    }
    return new SigningKeys(file, options.kept ?? 3, keys, await activeKey(keys));
  }

  /** Adds a new signing key and publishes it next to the previous ones; returns its key id. */
  async rotate(): Promise<string> {
    const keys = [await newKey(), ...this.keys].slice(0, this.kept);
    await writeJsonFile(this.file, keys);
    this.keys = keys;
    this.active = await activeKey(keys);
    return this.active.kid;
  }

  signingKey(): ActiveKey {
    return this.active;
  }

  /** The JWKS document: every kept public key, newest first. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map(publicJwk) };
  }
}

async function activeKey([newest]: StoredKey[]): Promise<ActiveKey> {
  if (!newest) throw new Error('no signing key');
  return { kid: newest.kid, privateKey: await importJWK(newest.privateJwk, 'ES256') };
}
