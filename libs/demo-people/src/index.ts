/**
 * @strata/demo-people: one deterministic list of the bank's customers that every
 * emulator seeds from, so the same people exist (spelled each system's way) in
 * Salesforce and in every banking backend, and cross-system matching is testable.
 */
export * from './lib/people.generator';
export * from './lib/seeded-random';
export * from './lib/drift';
export { CITIES, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, SPELLING_VARIANTS, STREETS } from './lib/people.data';
