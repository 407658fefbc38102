/** Boundary-rule fixture: stands for a type:contract contracts:process api:fixture-sync project. */
export const fixture = 'sync-contract';
