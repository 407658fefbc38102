import { randomUUID } from 'node:crypto';
import type { ChangeEventPayload, ChangeType } from '../cdc/change-event.types';
import type { SObjectRecord } from '../schema/schema.types';
import { changeOriginOf, WriteContext } from './write-context';

/** Fields CDC never lists as changed: they change on every write. */
const IGNORED = new Set(['Id', 'SystemModstamp', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedById']);

export interface PendingChange {
  entityName: string;
  changeType: ChangeType;
  before?: SObjectRecord;
  after: SObjectRecord;
}

/**
 * Builds the CDC payloads of one transaction: one event per changed record, sharing a
 * transaction key and numbered in commit order, listing the changed fields and their
 * new values as a real org does.
 */
export function buildChangeEvents(changes: PendingChange[], context: WriteContext, commit: { number: number; at: Date }): ChangeEventPayload[] {
  const transactionKey = randomUUID();
  return changes.map((change, index) => {
    const changed = changedFields(change);
    const payload: ChangeEventPayload = {
      ChangeEventHeader: {
        entityName: change.entityName,
        recordIds: [change.after.Id],
        changeType: change.changeType,
        changeOrigin: changeOriginOf(context),
        transactionKey,
        sequenceNumber: index + 1,
        commitTimestamp: commit.at.getTime(),
        commitNumber: commit.number,
        commitUser: context.userId,
        changedFields: change.changeType === 'UPDATE' ? changed : [],
        diffFields: [],
        nulledFields: change.changeType === 'UPDATE' ? changed.filter((f) => change.after[f] === null) : [],
      },
    };
    if (change.changeType !== 'DELETE') {
      for (const field of changed) if (change.after[field] !== null || change.changeType === 'UPDATE') payload[field] = change.after[field];
    }
    return payload;
  });
}

function changedFields(change: PendingChange): string[] {
  const fields = Object.keys(change.after).filter((f) => !IGNORED.has(f));
  if (change.changeType !== 'UPDATE' || !change.before) return fields.filter((f) => change.after[f] !== null);
  const before = change.before;
  return fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(change.after[f]));
}
