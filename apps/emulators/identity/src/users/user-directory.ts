import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { hashApiKey, verifyApiKey } from '@strata/edge-security';
import { readJsonFile, writeJsonFile } from '../data-file';
import { usersSchema, type Registration, type User } from './user.schema';

const FILE = 'registered-users.json';

/** A user as the rest of the emulator sees them: never with the password hash. */
export type UserProfile = Omit<User, 'passwordHash'> & { subject: string };

const profileOf = ({ passwordHash: _hash, ...user }: User): UserProfile => ({ ...user, subject: user.subject ?? user.username });

/**
 * Who may sign in: the configured users (environment or file), plus users registered
 * through `/__admin`, which are kept in `<dataDir>/registered-users.json` so they
 * survive a restart. Passwords are held only as scrypt hashes (`hashApiKey` of
 * @strata/edge-security, the same scheme as API client secrets).
 */
export class UserDirectory {
  /**
   * Checked when the username is unknown, so a wrong username costs the same scrypt
   * time as a wrong password and does not reveal who exists.
   */
  private readonly decoy = hashApiKey(randomUUID());

  private constructor(
    private readonly users: Map<string, User>,
    private readonly registered: Map<string, User>,
    private readonly file: string,
  ) {}

  /** Configured users first; a registered user of the same name replaces the configured one. */
  static async open(configured: readonly User[], dataDir: string): Promise<UserDirectory> {
    const file = path.join(dataDir, FILE);
    const registered = new Map(usersSchema.parse((await readJsonFile(file)) ?? []).map((user) => [user.username, user]));
    const users = new Map(configured.map((user) => [user.username, user]));
    for (const [name, user] of registered) users.set(name, user);
    return new UserDirectory(users, registered, file);
  }

  /** The user when the password matches; undefined for an unknown user or a wrong password alike. */
  async authenticate(username: string, password: string): Promise<UserProfile | undefined> {
    const user = this.users.get(username);
    if (!user) {
      await verifyApiKey(password, await this.decoy);
      return undefined;
    }
    return (await verifyApiKey(password, user.passwordHash)) ? profileOf(user) : undefined;
  }

  /** Adds or replaces a user; answers whether they are new. */
  async register(username: string, registration: Registration): Promise<{ created: boolean; user: UserProfile }> {
    const { password, ...profile } = registration;
    const user: User = { username, ...profile, passwordHash: await hashApiKey(password) };
    const created = !this.users.has(username);
    const registered = new Map(this.registered).set(username, user);
    await writeJsonFile(this.file, [...registered.values()]);
    this.registered.set(username, user);
    this.users.set(username, user);
    return { created, user: profileOf(user) };
  }

  list(): UserProfile[] {
    return [...this.users.values()].map(profileOf);
  }
}
