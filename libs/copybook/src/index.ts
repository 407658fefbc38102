/**
 * @strata/copybook: fixed-width records declared once as data (field, offset, length,
 * type) and used both to parse and to write, plus the loan mainframe's copybook: the
 * one document both sides of the file exchange (the emulator and the System API) share,
 * as a real mainframe team and its integrators share a copybook.
 */
export * from './lib/record-layout';
export * from './lib/record-file';
export * from './lib/loan-layouts';
