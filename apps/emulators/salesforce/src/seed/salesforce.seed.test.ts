import { loadOrgSchema } from '../schema/org-schema.loader';
import { findObject, uniqueFieldsOf } from '../schema/org-schema.lookup';
import { ObjectDef } from '../schema/schema.types';
import { validateWrite } from '../schema/write-validation';
import { generatePeople, Person, toAscii } from '@strata/demo-people';
import { SeedContact, seedSalesforce } from './salesforce.seed';

const schema = loadOrgSchema();
const people = generatePeople(400, 7);
const byKey = new Map(people.map((p) => [p.customerKey, p]));

function personOf(contact: SeedContact): Person {
  const person = byKey.get(contact.customerKey);
  if (!person) throw new Error(`no person ${contact.customerKey}`);
  return person;
}

describe('seedSalesforce', () => {
  const seed = seedSalesforce(people, 7);

  it('gives the same org for the same people and seed', () => {
    expect(seedSalesforce(generatePeople(400, 7), 7)).toEqual(seed);
  });

  it('gives another org for another seed', () => {
    const other = seedSalesforce(people, 8);
    expect(other.variations).not.toEqual(seed.variations);
    expect(other.accounts.map((a) => a.values.Name)).not.toEqual(seed.accounts.map((a) => a.values.Name));
  });

  it('produces only records a real org would accept', () => {
    for (const [name, records] of [['Account', seed.accounts], ['Contact', seed.contacts]] as const) {
      const object = findObject(schema, name) as ObjectDef;
      for (const record of records) expect(validateWrite(object, record.values, { mode: 'create', schema })).toMatchObject({ ok: true });
    }
  });

  it('never repeats a value of a unique field', () => {
    const contact = findObject(schema, 'Contact') as ObjectDef;
    for (const field of uniqueFieldsOf(contact)) {
      const values = seed.contacts.map((c) => c.values[field.name]).filter((v) => v !== undefined);
      expect([field.name, new Set(values).size]).toEqual([field.name, values.length]);
    }
  });

  it('puts every contact under an account seeded before it, a few contacts to an account', () => {
    const refs = new Set(seed.accounts.map((a) => a.ref));
    for (const contact of seed.contacts) expect(refs.has(contact.accountRef)).toBe(true);
    const perAccount = new Map<string, number>();
    for (const c of seed.contacts) perAccount.set(c.accountRef, (perAccount.get(c.accountRef) ?? 0) + 1);
    expect(perAccount.size).toBe(seed.accounts.length);
    expect(Math.max(...perAccount.values())).toBeGreaterThan(2);
    expect(seed.contacts.length / seed.accounts.length).toBeLessThan(5);
  });

  it('makes households and employers accounts', () => {
    const types = new Set(seed.accounts.map((a) => a.values.Type));
    expect(types).toEqual(new Set(['Household', 'Customer - Direct']));
    const household = seed.accounts.find((a) => a.values.Type === 'Household');
    expect(household?.values.Name).toMatch(/ Household$/);
  });

  it('leaves out the people it reports missing, and only them', () => {
    const missing = new Set(seed.variations.filter((v) => v.kind === 'missing').map((v) => v.customerKey));
    expect(missing.size).toBeGreaterThan(5);
    const seeded = new Set(seed.contacts.map((c) => c.customerKey));
    for (const p of people) expect([p.customerKey, seeded.has(p.customerKey)]).toEqual([p.customerKey, !missing.has(p.customerKey)]);
  });

  it('spells the names it reports as respelled differently, sometimes by dropping accents', () => {
    const respelled = seed.variations.filter((v) => v.kind === 'spelling');
    expect(respelled.length).toBeGreaterThan(10);
    for (const variation of respelled) {
      const contact = seed.contacts.find((c) => c.customerKey === variation.customerKey) as SeedContact;
      const person = personOf(contact);
      expect(`${contact.values.FirstName} ${contact.values.LastName}`).not.toBe(`${person.firstName} ${person.lastName}`);
    }
    const accents = generatePeople(2000, 7).filter((p) => toAscii(p.lastName) !== p.lastName || toAscii(p.firstName) !== p.firstName);
    const dropped = seedSalesforce(accents, 7, { spellingRate: 1 }).variations.filter((v) => v.kind === 'spelling');
    const accentDropped = dropped.filter((v) => {
      const [, from = '', to] = /^\w+ (.+) -> (.+)$/.exec(v.detail) ?? [];
      return from !== to && toAscii(from) === to;
    });
    expect(accentDropped.length).toBeGreaterThan(0);
  });

  it('gives the contacts it reports as conflicting another phone or email', () => {
    const conflicts = seed.variations.filter((v) => v.kind === 'conflict');
    expect(conflicts.length).toBeGreaterThan(5);
    for (const variation of conflicts) {
      const contact = seed.contacts.find((c) => c.customerKey === variation.customerKey) as SeedContact;
      const person = personOf(contact);
      expect(contact.values.MobilePhone !== person.phone || contact.values.Email !== person.email).toBe(true);
    }
  });

  it('keeps the bank keys off unlinked contacts and on all others', () => {
    const unlinked = new Set(seed.variations.filter((v) => v.kind === 'unlinked').map((v) => v.customerKey));
    expect(unlinked.size).toBeGreaterThan(10);
    for (const contact of seed.contacts) {
      const person = personOf(contact);
      const expected = unlinked.has(contact.customerKey) ? undefined : person.bankIds.coreBanking;
      expect(contact.values.Core_Banking_Id__c).toBe(expected);
      expect(contact.values.Customer_Key__c).toBe(unlinked.has(contact.customerKey) ? undefined : person.customerKey);
    }
  });

  it('copies people faithfully when every drift rate is zero', () => {
    const exact = seedSalesforce(people, 7, { missingRate: 0, spellingRate: 0, conflictRate: 0, unlinkedRate: 0 });
    expect(exact.variations).toEqual([]);
    expect(exact.contacts).toHaveLength(people.length);
    for (const contact of exact.contacts) {
      const person = personOf(contact);
      expect(contact.values).toMatchObject({
        FirstName: person.firstName, LastName: person.lastName, Email: person.email, MobilePhone: person.phone,
        Birthdate: person.birthDate, MailingPostalCode: person.address.postalCode, Customer_Key__c: person.customerKey,
      });
    }
  });

  it('decides each person the same way however many people are seeded', () => {
    const small = seedSalesforce(people.slice(0, 50), 7);
    const keysIn = (list: typeof seed.variations) => list.filter((v) => Number(v.customerKey.slice(3)) <= 50);
    expect(small.variations).toEqual(keysIn(seed.variations));
  });

  it('refuses rates outside 0..1', () => {
    expect(() => seedSalesforce(people, 7, { missingRate: 1.5 })).toThrow(/missingRate/);
    expect(() => seedSalesforce(people, 7, { conflictRate: Number.NaN })).toThrow(/conflictRate/);
  });
});
