import type { SObjectRecord } from '../schema/schema.types';

/**
 * Every record, deleted ones included, held in memory and updated only after a commit.
 * Queries read from here instead of decoding JSON rows per query; PGlite remains the
 * source of truth and the memory is rebuilt from it at startup.
 */
export class RecordMemory {
  private readonly byObject = new Map<string, Map<string, SObjectRecord>>();

  put(objectName: string, record: SObjectRecord): void {
    let records = this.byObject.get(objectName);
    if (!records) this.byObject.set(objectName, (records = new Map()));
    records.set(record.Id, record);
  }

  get(objectName: string, id: string): SObjectRecord | undefined {
    return this.byObject.get(objectName)?.get(id);
  }

  /** All records of an object, deleted included (SOQL filters them unless queryAll). */
  all(objectName: string): Iterable<SObjectRecord> {
    return this.byObject.get(objectName)?.values() ?? [];
  }

  /** Live records whose `field` equals `value` (case-insensitive, as external ids match). */
  findBy(objectName: string, field: string, value: string): SObjectRecord[] {
    const wanted = value.toLowerCase();
    return [...this.all(objectName)].filter((r) => !r['IsDeleted'] && typeof r[field] === 'string' && (r[field] as string).toLowerCase() === wanted);
  }

  count(objectName: string, includeDeleted = false): number {
    return [...this.all(objectName)].filter((r) => includeDeleted || !r['IsDeleted']).length;
  }

  clear(): void {
    this.byObject.clear();
  }
}
