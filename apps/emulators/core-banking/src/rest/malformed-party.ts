import type { MalformKind } from '../admin/fault-switches';
import type { Party } from '../party/party.types';

/**
 * The party as a broken batch job or a bad migration would leave it: an impossible
 * date, no legal name, or a garbled timestamp. Only what is served is broken; the
 * stored party stays intact.
 */
export function malformed(party: Party, kind: MalformKind): Record<string, unknown> {
  switch (kind) {
    case 'impossible-date':
      return { ...party, birthDate: '20231345' };
    case 'missing-legal-name': {
      const { legalName: _dropped, ...rest } = party;
      return rest;
    }
    case 'bad-timestamp':
      return { ...party, modifiedAt: '2023-13-45 25:61' };
  }
}
