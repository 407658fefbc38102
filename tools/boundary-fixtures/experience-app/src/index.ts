/** Boundary-rule fixture: stands for a type:app layer:experience api:fixture-mobile project. */
export const fixture = 'experience-app';
