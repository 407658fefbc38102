/** Boundary-rule fixture: stands for a type:app layer:emulator project. */
export const fixture = 'emulator-app';
