/** Boundary-rule fixture: stands for a type:contract contracts:system api:fixture-erp project. */
export const fixture = 'erp-contract';
