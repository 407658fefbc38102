import type { Customer } from '@strata/contracts-system-salesforce';

/**
 * Contacts found by either form of their id. Salesforce names a record by a
 * 15-character id or by the 18-character one with a checksum suffix, and callers mix
 * them (CDC events, SOQL results and our own callers need not agree), so the lookup
 * compares the first 15 characters and no caller has to remember to.
 */
export class ContactsById {
  private readonly byKey = new Map<string, Customer>();

  constructor(contacts: Iterable<Customer> = []) {
    for (const contact of contacts) this.byKey.set(keyOf(contact.id), contact);
  }

  get(id: string): Customer | undefined {
    return this.byKey.get(keyOf(id));
  }
}

function keyOf(id: string): string {
  return id.slice(0, 15);
}
