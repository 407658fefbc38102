/**
 * The party versions this API wrote itself, so the change feed can say `origin.self`
 * and a Process API can recognise its own writes coming back. The bank does not record
 * who wrote, so this is an in-memory record: after a restart, older own writes show as
 * `self: false` (consumers must stay idempotent anyway).
 */
export class OwnWrites {
  private readonly versions = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  remember(partyId: string, version: number): void {
    const key = `${partyId}@${version}`;
    this.versions.delete(key);
    this.versions.add(key);
    if (this.versions.size > this.capacity) this.versions.delete(this.versions.values().next().value as string);
  }

  has(partyId: string, version: number): boolean {
    return this.versions.has(`${partyId}@${version}`);
  }
}
