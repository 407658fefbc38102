/** Boundary-rule fixture: stands for a type:contract contracts:system api:fixture-crm project. */
export const fixture = 'crm-contract';
