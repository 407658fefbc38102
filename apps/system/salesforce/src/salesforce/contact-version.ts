import { markOf } from '@strata/change-feed';
import type { Customer } from '@strata/contracts-system-salesforce';

/**
 * A customer's `version`: `<LastModifiedDate in epoch ms>-<8 hex of sha256 of the served fields>`,
 * computed from the clean customer alone (`updatedAt` is LastModifiedDate).
 *
 * The timestamp half is what Salesforce itself can check atomically (`If-Unmodified-Since`
 * on the update). The hash half is there because a real org keeps LastModifiedDate to the
 * second (and ignores milliseconds when comparing), so two saves within one second would
 * otherwise share a version; with the hash, a save that changed anything we serve still
 * moves it. The emulator keeps milliseconds, where the hash only matters within one ms.
 */
export function contactVersion(served: Omit<Customer, 'version'>): string {
  const millis = Date.parse(served.updatedAt);
  // markOf hashes key-sorted JSON: the same customer read back from the feed's JSON column hashes alike.
  const hash = markOf(served).slice(0, 8);
  return `${Number.isNaN(millis) ? 0 : millis}-${hash}`;
}

/**
 * A customer stored before versions existed (change-feed rows written by an older
 * release) with the version it would have been served with; others unchanged.
 */
export function withVersion(customer: Omit<Customer, 'version'> & { version?: string }): Customer {
  const { version, ...served } = customer;
  return { ...served, version: version ?? contactVersion(served) };
}

/** The version an `If-Match` names: quotes and a weak `W/` prefix dropped (the contract checked the shape). */
export function versionOfIfMatch(ifMatch: string): string {
  return ifMatch.replace(/^W\//, '').replace(/"/g, '');
}

/**
 * The `If-Unmodified-Since` value for a version: its LastModifiedDate as an HTTP-date.
 * HTTP-dates carry whole seconds, so this is the second the version was saved in.
 */
export function unmodifiedSinceOf(version: string): string {
  return new Date(Number(version.split('-')[0])).toUTCString();
}
