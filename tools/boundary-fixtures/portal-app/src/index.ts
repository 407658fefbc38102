/** Boundary-rule fixture: stands for a type:app layer:portal project. */
export const fixture = 'portal-app';
