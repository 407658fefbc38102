/** Boundary-rule fixture: stands for a type:app layer:process api:fixture-sync project. */
export const fixture = 'process-app';
