import { SPELLING_VARIANTS } from './people.data';
import { Person, toAscii } from './people.generator';
import { SeededRandom } from './seeded-random';

/**
 * How a system's copy of a person drifts from the bank's master, as it does in real orgs
 * typed in by hand: other spellings, dropped accents, an old phone or email. Matching
 * and reconciliation code is tested against exactly these differences.
 */

/** The kinds of drift, reported with each seed so tests know the ground truth. */
export type SeedVariationKind = 'missing' | 'spelling' | 'conflict' | 'unlinked';

/** One deliberate difference between a person and their record in one system. */
export interface SeedVariation {
  customerKey: string;
  kind: SeedVariationKind;
  /** Human-readable: `firstName John -> Jon`, `phone +1... -> +1...`. */
  detail: string;
}

/** The name a contact carries after a spelling change, and what changed. */
export interface Respelled {
  firstName: string;
  lastName: string;
  detail: string;
}

/** A typo a person could make in a name with no known variant or accent: a doubled letter. */
function doubleALetter(random: SeededRandom, name: string): string {
  const at = random.int(1, name.length - 1);
  return name.slice(0, at) + name[at] + name.slice(at);
}

/**
 * The person's name as the CRM spells it: a known variant (`John` -> `Jon`), the name
 * without accents (`Núñez` -> `Nunez`) or, failing both, a doubled letter.
 */
export function respell(random: SeededRandom, person: Person): Respelled {
  const options: Array<() => Respelled> = [];
  const change = (part: 'firstName' | 'lastName', to: string): Respelled => ({
    firstName: part === 'firstName' ? to : person.firstName,
    lastName: part === 'lastName' ? to : person.lastName,
    detail: `${part} ${person[part]} -> ${to}`,
  });
  for (const part of ['firstName', 'lastName'] as const) {
    const variant = SPELLING_VARIANTS[person[part]];
    if (variant) options.push(() => change(part, variant));
    const ascii = toAscii(person[part]);
    if (ascii !== person[part]) options.push(() => change(part, ascii));
  }
  if (!options.length) options.push(() => change('lastName', doubleALetter(random, person.lastName)));
  return random.pick(options)();
}

/** Another number in the same fictional range: the phone the CRM has kept from before. */
function otherPhone(random: SeededRandom, phone: string): string {
  const localDigits = phone.startsWith('+44') ? 3 : 2;
  const prefix = phone.slice(0, -localDigits);
  const current = Number(phone.slice(-localDigits));
  const shifted = (current + random.int(1, 10 ** localDigits - 1)) % 10 ** localDigits;
  return prefix + String(shifted).padStart(localDigits, '0');
}

/** An older address on another reserved domain, so it never equals the bank's. */
function otherEmail(person: Person): string {
  const [local, domain] = person.email.split('@');
  const other = domain === 'example.com' ? 'example.net' : 'example.com';
  return `${local.replace(/\.\d+$/, '')}.${person.birthDate.slice(0, 4)}@${other}`;
}

/** Contact details that disagree with the bank's: the phone, the email or both. */
export function conflictingContact(random: SeededRandom, person: Person): { email: string; phone: string; detail: string } {
  const which = random.pick(['phone', 'email', 'both'] as const);
  const phone = which === 'email' ? person.phone : otherPhone(random, person.phone);
  const email = which === 'phone' ? person.email : otherEmail(person);
  const changes = [phone !== person.phone && `phone ${person.phone} -> ${phone}`, email !== person.email && `email ${person.email} -> ${email}`];
  return { email, phone, detail: changes.filter(Boolean).join('; ') };
}
