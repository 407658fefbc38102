import { generatePeople } from '@strata/demo-people';
import { borrowerLayout, formatRecord, parseRecord } from '@strata/copybook';
import { buildLoanSeed } from './loan.seed';

describe('the loan book seed', () => {
  const seed = buildLoanSeed(300, 'strata');

  it('holds exactly the people with a loan id, under the mainframe form of that id', () => {
    const withLoans = generatePeople(300, 'strata').filter((p) => p.bankIds.loanSystem);
    expect(seed.borrowers.map((b) => b.loanAccount)).toEqual(withLoans.map((p) => p.bankIds.loanSystem!.replace('LN-', 'LN')));
  });

  it('is the same for the same seed and differs for another', () => {
    expect(buildLoanSeed(300, 'strata')).toEqual(seed);
    expect(buildLoanSeed(300, 'other').borrowers).not.toEqual(seed.borrowers);
  });

  it('spells every borrower in upper-case ASCII that fits the record layout', () => {
    for (const borrower of seed.borrowers) {
      const line = formatRecord(borrowerLayout, borrower);
      expect(line).toMatch(/^[\x20-\x5F]+$/);
      expect(parseRecord(borrowerLayout, line)['surname']).toBe(borrower.surname);
    }
  });

  it('drifts some borrowers from the master list and reports how', () => {
    const kinds = new Set(seed.variations.map((v) => v.kind));
    expect([...kinds].sort()).toEqual(['conflict', 'spelling', 'unlinked']);
    const unlinked = seed.variations.filter((v) => v.kind === 'unlinked').map((v) => v.customerKey);
    const keys = new Set(seed.borrowers.map((b) => b.customerKey));
    for (const key of unlinked) expect(keys.has(key)).toBe(false);
  });
});
