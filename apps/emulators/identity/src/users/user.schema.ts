import { z } from 'zod';

/** Scope names as OAuth allows them (RFC 6749 §3.3 scope-token), kept to the readable subset. */
export const scopeSchema = z.string().regex(/^[\w:.-]+$/, 'a scope such as customer:read');

/** A golden key as customer-sync assigns it (`CK-000001`). */
export const customerKeySchema = z.string().regex(/^CK-\d{6,}$/, 'a golden key such as CK-000001');

const HASH = /^scrypt\$\d+\$[\w-]+\$[\w-]+$/;

/** What a user is apart from their password: who they are to the apps, and what they may do. */
const profileShape = {
  username: z.string().min(1).max(128),
  /** The token `sub`; defaults to the username. Staff tokens' `sub` is the staff id the advisor API records. */
  subject: z.string().min(1).max(128).optional(),
  scopes: z.array(scopeSchema).min(1),
  /** Customers only: the golden key their tokens carry as `customer_key`. */
  customerKey: customerKeySchema.optional(),
  name: z.string().min(1).max(200).optional(),
};

/** One configured user; the password only as `hashApiKey(password)` of @strata/edge-security. */
export const userSchema = z.object({ ...profileShape, passwordHash: z.string().regex(HASH, 'a scrypt$N$salt$hash from hashApiKey') });

export const usersSchema = z.array(userSchema).superRefine((users, ctx) => {
  const seen = new Set<string>();
  users.forEach((user, index) => {
    if (seen.has(user.username)) ctx.addIssue({ code: 'custom', path: [index, 'username'], message: `${user.username} is listed twice` });
    seen.add(user.username);
  });
});

/** A user registered through `PUT /__admin/users/:username`: the password in clear, hashed on arrival. */
export const registrationSchema = z.object({ ...profileShape, password: z.string().min(8).max(200) }).omit({ username: true }).strict();

export type User = z.output<typeof userSchema>;
export type Registration = z.output<typeof registrationSchema>;
