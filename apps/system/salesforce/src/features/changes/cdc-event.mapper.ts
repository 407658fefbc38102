import type { ContactsById } from '../../salesforce/contacts-by-id';
import { CUSTOMER_FIELD_OF } from '../../salesforce/contact.mapper';
import type { ChangeRecord } from './change-feed.types';

/** The header Salesforce puts on every Change Data Capture event. */
export interface ChangeEventHeader {
  entityName: string;
  recordIds: string[];
  changeType: string;
  changeOrigin?: string;
  commitTimestamp: number | string;
  changedFields?: string[];
}

/** A CDC event as jsforce's streaming client hands it over. */
export interface CdcEvent {
  payload: { ChangeEventHeader: ChangeEventHeader; [field: string]: unknown };
  event: { replayId: number };
}

/**
 * CDC's change types in the contract's words. GAP_* events (Salesforce could not build
 * the full event) carry no field values but still name the record, so they map to
 * their plain type: the feed reads current state anyway.
 */
const CHANGE_TYPE: Record<string, ChangeRecord['changeType']> = {
  CREATE: 'created',
  UPDATE: 'updated',
  DELETE: 'deleted',
  UNDELETE: 'undeleted',
  GAP_CREATE: 'created',
  GAP_UPDATE: 'updated',
  GAP_DELETE: 'deleted',
  GAP_UNDELETE: 'undeleted',
};

/** Whether the record still exists after this event, so its current state is worth reading. */
export function isReadable(event: CdcEvent): boolean {
  return toChangeType(event.payload.ChangeEventHeader.changeType) !== 'deleted';
}

export function toChangeType(changeType: string): ChangeRecord['changeType'] {
  return CHANGE_TYPE[changeType] ?? 'updated';
}

/**
 * The writing client from `changeOrigin` (`com/salesforce/api/rest/58.0;client=<name>`),
 * which Salesforce fills from the writer's `Sforce-Call-Options` header; null when the
 * writer sent none (UI edits, flows, other integrations).
 */
export function originClient(changeOrigin: string | undefined): string | null {
  const match = /(?:^|;)\s*client=([^;]+)/.exec(changeOrigin ?? '');
  return match?.[1]?.trim() || null;
}

/**
 * CDC's changed field names in the contract's words. Compound fields come as
 * `MailingAddress.City` or `Name.FirstName`; fields the contract does not expose
 * (LastModifiedDate, Name, system fields) are dropped, so a consumer sees only what
 * it can act on.
 */
export function toCustomerFields(changedFields: readonly string[] | undefined): string[] {
  const fields = new Set<string>();
  for (const raw of changedFields ?? []) {
    const [head = '', sub] = raw.split('.');
    const name = sub === undefined ? head : head === 'Name' ? sub : `${head.replace(/Address$/, '')}${sub}`;
    const field = CUSTOMER_FIELD_OF[name];
    if (field) fields.add(field);
  }
  return [...fields];
}

/** Salesforce sends epoch milliseconds (a real org sometimes as a string). */
export function commitTime(header: ChangeEventHeader): Date {
  const value = header.commitTimestamp;
  return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
}

/**
 * The feed's changes for one CDC event: one per record id (Salesforce groups records
 * changed alike in one transaction into one event), each carrying the record's current
 * state from `current`, or null when it is gone.
 */
export function toChangeRecords(event: CdcEvent, current: ContactsById, selfClient: string): ChangeRecord[] {
  const header = event.payload.ChangeEventHeader;
  const changeType = toChangeType(header.changeType);
  const client = originClient(header.changeOrigin);
  const changedFields = changeType === 'updated' ? toCustomerFields(header.changedFields) : [];
  const occurredAt = commitTime(header).toISOString();
  return header.recordIds.map((entityId) => ({
    changeType,
    entityType: 'customer',
    entityId,
    occurredAt,
    origin: { self: client === selfClient, client },
    changedFields,
    data: changeType === 'deleted' ? null : (current.get(entityId) ?? null),
  }));
}
