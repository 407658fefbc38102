/**
 * The emulator as the System API meets it: files in folders. Runs the real process over
 * temporary folders, writes request files the way a client must (tmp, then rename),
 * and reads what the mainframe writes back.
 */
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ackLayout, borrowerLayout, formatRecord, parseRecord, readRecordFile, updateLayout, writeRecordFile } from '@strata/copybook';
import { startMainframe, waitFor } from '../__fixtures__/mainframe.harness';

jest.setTimeout(90_000);
type Mainframe = Awaited<ReturnType<typeof startMainframe>>;
let mainframe: Mainframe;
let requestSeq = 0;

beforeAll(async () => {
  mainframe = await startMainframe();
});
afterAll(() => mainframe?.close());
afterEach(() => mainframe.admin('/faults', 'DELETE'));

/** Flags in UPDATABLE_FIELDS order: surname, givenNames, birthDate, ... customerKey. */
const flags = (...positions: number[]) => Array.from({ length: 12 }, (_v, i) => (positions.includes(i) ? 'Y' : 'N')).join('');

async function sendRequest(updates: Record<string, string | number | null>[], options: { leaveTemporary?: boolean } = {}) {
  requestSeq += 1;
  const name = `LNREQ.${String(requestSeq).padStart(6, '0')}.req`;
  const lines = updates.map((u, i) => formatRecord(updateLayout, { recordNo: i + 1, loanAccount: '', customerKey: '', changeFlags: flags(), ...u }));
  const temporary = path.join(mainframe.dirs.inbound, `${name}.tmp`);
  await writeFile(temporary, writeRecordFile('LNREQ', requestSeq, lines, new Date()));
  if (!options.leaveTemporary) await rename(temporary, path.join(mainframe.dirs.inbound, name));
  return { name, ack: `LNACK.${String(requestSeq).padStart(6, '0')}.dat`, temporary };
}

async function ackOf(name: string) {
  await waitFor(`acknowledgement ${name}`, async () => (await mainframe.outboundFiles()).includes(name));
  return readRecordFile(await mainframe.read(name)).details.map((line) => parseRecord(ackLayout, line));
}

async function firstLoan() {
  const extract = readRecordFile(await mainframe.read('LNEXTR.000001.dat'));
  return parseRecord(borrowerLayout, extract.details.find((l) => parseRecord(borrowerLayout, l)['customerKey'] !== '')!);
}

it('writes a full extract at first start whose trailer counts its records', async () => {
  const extract = readRecordFile(await mainframe.read('LNEXTR.000001.dat'));
  expect(extract.details.length).toBeGreaterThan(0);
  expect(extract.trailerCount).toBe(extract.details.length);
  expect(extract.header).toMatchObject({ fileType: 'LNEXTR', sequence: 1 });
});

it('acknowledges each record of a request file with its return code, and sends the applied change', async () => {
  const loan = await firstLoan();
  const request = await sendRequest([
    { customerKey: loan['customerKey'], changeFlags: flags(3), email: 'NEW.ADDRESS@EXAMPLE.ORG' },
    { loanAccount: 'LN00000000', changeFlags: flags(0), surname: 'NOBODY' },
    { loanAccount: loan['loanAccount'], changeFlags: flags(2), birthDate: '2999-01-01' },
    { loanAccount: loan['loanAccount'], changeFlags: flags(3), email: 'NEW.ADDRESS@EXAMPLE.ORG' },
  ]);
  const acks = await ackOf(request.ack);
  expect(acks.map((a) => [a['recordNo'], a['returnCode']])).toEqual([[1, '00'], [2, '08'], [3, '12'], [4, '04']]);
  expect(acks[2]!['message']).toBe('BIRTH DATE IS IN THE FUTURE');

  const changed = await mainframe.admin(`/loans/${loan['loanAccount']}`, 'GET');
  expect(changed.body).toMatchObject({ email: 'NEW.ADDRESS@EXAMPLE.ORG', birthDate: loan['birthDate'] });
  const files = await mainframe.outboundFiles();
  const changeFiles = files.filter((f) => f.startsWith('LNCHG'));
  const last = readRecordFile(await mainframe.read(changeFiles[changeFiles.length - 1]!));
  expect(last.details.map((l) => parseRecord(borrowerLayout, l)['email'])).toEqual(['NEW.ADDRESS@EXAMPLE.ORG']);
});

it('never reads a request file that is still under its temporary name', async () => {
  const loan = await firstLoan();
  const request = await sendRequest([{ loanAccount: loan['loanAccount'], changeFlags: flags(4), phone: '+15555550100' }], { leaveTemporary: true });
  await mainframe.admin('/cycle');
  expect(await mainframe.outboundFiles()).not.toContain(request.ack);
  await rename(request.temporary, path.join(mainframe.dirs.inbound, request.name));
  expect((await ackOf(request.ack)).map((a) => a['returnCode'])).toEqual(['00']);
});

it('rejects the next records with the return code the fault switch asks for', async () => {
  const loan = await firstLoan();
  await mainframe.admin('/faults', 'PUT', { rejectNext: 1, rejectReturnCode: '16' });
  const request = await sendRequest([
    { loanAccount: loan['loanAccount'], changeFlags: flags(7), state: 'TX' },
    { loanAccount: loan['loanAccount'], changeFlags: flags(7), state: 'TX' },
  ]);
  expect((await ackOf(request.ack)).map((a) => a['returnCode'])).toEqual(['16', '00']);
});

it('processes nothing and is not ready while down, then catches up', async () => {
  const loan = await firstLoan();
  await mainframe.admin('/faults', 'PUT', { down: true });
  expect((await fetch(`${mainframe.url}/health/ready`)).status).toBe(503);
  const request = await sendRequest([{ loanAccount: loan['loanAccount'], changeFlags: flags(6), city: 'DOWNTIME' }]);
  const edit = await mainframe.admin(`/loans/${loan['loanAccount']}`, 'PUT', { postalCode: '99999' });
  expect(edit.body?.['file']).toBeNull();
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(await mainframe.outboundFiles()).not.toContain(request.ack);

  await mainframe.admin('/faults', 'DELETE');
  expect((await ackOf(request.ack)).map((a) => a['returnCode'])).toEqual(['00']);
  expect((await fetch(`${mainframe.url}/health/ready`)).status).toBe(200);
});

it('keeps loans, file numbers and processed requests across kill -9', async () => {
  const loan = await firstLoan();
  const edit = await mainframe.admin(`/loans/${loan['loanAccount']}`, 'PUT', { givenNames: 'Survivor' });
  const before = await mainframe.outboundFiles();
  await mainframe.restart('SIGKILL');
  expect((await mainframe.admin(`/loans/${loan['loanAccount']}`, 'GET')).body).toMatchObject({ givenNames: 'SURVIVOR' });
  const after = await mainframe.admin(`/loans/${loan['loanAccount']}`, 'PUT', { givenNames: 'Again' });
  expect(Number(String(after.body?.['file']).split('.')[1])).toBeGreaterThan(Number(String(edit.body?.['file']).split('.')[1]));
  await mainframe.admin('/cycle');
  const acks = (await mainframe.outboundFiles()).filter((f) => f.startsWith('LNACK'));
  expect(acks).toEqual(before.filter((f) => f.startsWith('LNACK')));
  expect((await mainframe.outboundFiles()).filter((f) => f.startsWith('LNEXTR'))).toEqual(['LNEXTR.000001.dat']);
});
