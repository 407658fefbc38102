/** Boundary-rule fixture: stands for a type:app layer:system api:fixture-crm project. */
export const fixture = 'system-app';
