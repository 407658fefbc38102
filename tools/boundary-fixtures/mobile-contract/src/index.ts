/** Boundary-rule fixture: stands for a type:contract contracts:experience api:fixture-mobile project. */
export const fixture = 'mobile-contract';
