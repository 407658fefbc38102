import { isValidId, keyPrefixOf, MalformedIdError, SalesforceIdFactory, sameId, to15, to18 } from './salesforce-id';

describe('18-character case-safe ids', () => {
  // Worked by hand: per 5-char chunk, bit i is set when char i is A-Z; the 5-bit value
  // indexes ABCDEFGHIJKLMNOPQRSTUVWXYZ012345.
  it.each([
    // a real-world pair: '001A0' -> A at 3 -> 8 -> I; '00000' -> A; 'K3sjy' -> K at 0 -> 1 -> B
    ['001A000000K3sjy', '001A000000K3sjyIAB'],
    // '0035g' -> A; '00000' -> A; 'ABCDE' -> 1+2+4+8+16 = 31 -> 5
    ['0035g00000ABCDE', '0035g00000ABCDEAA5'],
    // no capitals at all -> AAA
    ['0035g00000abcde', '0035g00000abcdeAAA'],
    // '001Aa' -> 8 -> I; '00000' -> A; 'XyZ9q' -> X at 0, Z at 2 -> 1+4 = 5 -> F
    ['001Aa00000XyZ9q', '001Aa00000XyZ9qIAF'],
    // '00150' -> A; '00000' -> A; 'Gv7qJ' -> G at 0, J at 4 -> 1+16 = 17 -> R
    ['0015000000Gv7qJ', '0015000000Gv7qJAAR'],
    // 'aBcDe' -> 2+8 = 10 -> K; 'FgHiJ' -> 1+4+16 = 21 -> V; 'kLmNo' -> 2+8 = 10 -> K
    ['aBcDeFgHiJkLmNo', 'aBcDeFgHiJkLmNoKVK'],
  ])('%s becomes %s', (id15, id18) => {
    expect(to18(id15)).toBe(id18);
    expect(to15(id18)).toBe(id15);
  });

  it('leaves an 18-char id as it is', () => {
    expect(to18('001A000000K3sjyIAB')).toBe('001A000000K3sjyIAB');
  });

  it('restores the case of an id a case-insensitive system flattened', () => {
    expect(to15('001a000000k3sjyiab')).toBe('001A000000K3sjy');
    expect(to15('001A000000K3SJYIAB')).toBe('001A000000K3sjy');
    expect(to18('001a000000k3sjyiab')).toBe('001A000000K3sjyIAB');
  });

  it('throws MalformedIdError for something that is not an id', () => {
    expect(() => to18('001A000000K3sj')).toThrow(MalformedIdError);
    expect(() => to15('001A000000K3sjyAAA')).toThrow(/not a Salesforce id: 001A000000K3sjyAAA/);
  });
});

describe('isValidId', () => {
  it.each(['001A000000K3sjy', '001A000000K3sjyIAB', '001a000000k3sjyiab', '0035g00000ABCDEaa5'])('accepts %s', (id) => {
    expect(isValidId(id)).toBe(true);
  });

  it.each([
    ['a mixed-case id whose suffix disagrees with it', '001A000000K3sjyAAA'],
    ['a suffix one character off', '001A000000K3sjyIAC'],
    ['a suffix marking a digit as a capital', '001A000000K3sjyZAB'],
    ['a suffix with characters outside its alphabet', '001A000000K3sjy9AB'],
    ['16 characters', '001A000000K3sjyI'],
    ['14 characters', '001A000000K3sj'],
    ['punctuation', '001A000000K3sj-'],
    ['an empty string', ''],
  ])('rejects %s', (_case, id) => {
    expect(isValidId(id)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isValidId(1234567890123456)).toBe(false);
    expect(isValidId(null)).toBe(false);
  });
});

describe('comparing and classifying ids', () => {
  it('reads the key prefix that names the object', () => {
    expect(keyPrefixOf('0035g00000ABCDEAA5')).toBe('003');
    expect(keyPrefixOf('001a000000k3sjyiab')).toBe('001');
    expect(keyPrefixOf('nonsense')).toBeUndefined();
  });

  it('treats the 15-char, 18-char and flattened forms of one id as the same record', () => {
    expect(sameId('001A000000K3sjy', '001A000000K3sjyIAB')).toBe(true);
    expect(sameId('001a000000k3sjyiab', '001A000000K3sjy')).toBe(true);
  });

  it('tells ids apart that differ only in case, as Salesforce does', () => {
    expect(sameId('001A000000K3sjy', '001A000000K3sjY')).toBe(false);
    expect(sameId('001A000000K3sjy', 'not-an-id')).toBe(false);
    expect(sameId('bad', 'bad')).toBe(false);
  });
});

describe('SalesforceIdFactory', () => {
  const factory = new SalesforceIdFactory();

  it('builds prefix + pod + zero-padded base62 counter, in 18-char form', () => {
    expect(factory.create('003', 0)).toBe('0035g0000000000AAA');
    expect(factory.create('003', 1)).toBe('0035g0000000001AAA');
    // 61 is the last base62 digit, lower-case z; 62 carries over
    expect(factory.create('003', 61)).toBe('0035g000000000zAAA');
    expect(factory.create('003', 62)).toBe('0035g0000000010AAA');
    // base62 runs 0-9, A-Z, a-z: 10 is 'A', whose position 15 sets bit 4 of the last chunk -> 16 -> Q
    expect(factory.create('001', 10)).toBe('0015g000000000AAAQ');
    expect(factory.create('001', 36)).toBe('0015g000000000aAAA');
  });

  it('uses the configured pod', () => {
    // '005Hx' -> H at 3 -> 8 -> I; then no capitals -> AA
    expect(new SalesforceIdFactory({ instance: 'Hx' }).create('005', 5)).toBe('005Hx0000000005IAA');
  });

  it('reads back the sequence an id was made from, for every form of the id', () => {
    for (const sequence of [0, 1, 61, 62, 3843, 123_456_789, Number.MAX_SAFE_INTEGER]) {
      const id = factory.create('001', sequence);
      expect(isValidId(id)).toBe(true);
      expect(factory.sequenceOf(id)).toBe(BigInt(sequence));
      expect(factory.sequenceOf(id.toLowerCase())).toBe(BigInt(sequence));
      expect(factory.sequenceOf(to15(id))).toBe(BigInt(sequence));
    }
  });

  it('accepts bigint sequences up to the ten-character limit', () => {
    const largest = 62n ** 10n - 1n;
    expect(factory.create('003', largest)).toBe(to18('0035gzzzzzzzzzz'));
    expect(() => factory.create('003', largest + 1n)).toThrow(RangeError);
  });

  it('refuses bad prefixes, pods and sequences', () => {
    expect(() => factory.create('03', 1)).toThrow(/key prefix/);
    expect(() => factory.create('003', -1)).toThrow(/out of range/);
    expect(() => factory.create('003', 1.5)).toThrow(/integer/);
    expect(() => new SalesforceIdFactory({ instance: '5' })).toThrow(/instance/);
  });
});
