import type { Customer } from '@strata/contracts-system-salesforce';
import { ContactsById } from '../../salesforce/contacts-by-id';
import { CdcEvent, originClient, toChangeRecords, toCustomerFields } from './cdc-event.mapper';

const ID = '0035g0000000001AAA';
const event = (header: Partial<CdcEvent['payload']['ChangeEventHeader']>): CdcEvent => ({
  payload: {
    ChangeEventHeader: { entityName: 'Contact', recordIds: [ID], changeType: 'UPDATE', changeOrigin: '', commitTimestamp: 1_700_000_000_000, changedFields: [], ...header },
  },
  event: { replayId: 7 },
});
const customer = { id: ID, lastName: 'Lovelace' } as Customer;

describe('turning a CDC event into feed changes', () => {
  it.each([
    ['com/salesforce/api/rest/58.0;client=strata-system-salesforce', 'strata-system-salesforce'],
    ['com/salesforce/api/soap/58.0;client=other-sync', 'other-sync'],
    ['com/salesforce/api/rest/58.0', null],
    ['', null],
    [undefined, null],
  ])('reads the writing client from changeOrigin %p', (changeOrigin, client) => {
    expect(originClient(changeOrigin)).toBe(client);
  });

  it('names changed fields as the contract does, compound parts included, and drops the rest', () => {
    const fields = toCustomerFields(['LastModifiedDate', 'Email', 'MailingAddress.City', 'Name.FirstName', 'Name', 'SystemModstamp', 'Customer_Status__c', 'Email']);
    expect(fields).toEqual(['email', 'mailingAddress.city', 'firstName', 'status']);
  });

  it('makes an update from us: self origin, current state, ISO time', () => {
    const [change] = toChangeRecords(
      event({ changeOrigin: 'com/salesforce/api/rest/58.0;client=me', changedFields: ['Email', 'LastModifiedDate'] }),
      new ContactsById([customer]),
      'me',
    );
    expect(change).toEqual({
      changeType: 'updated',
      entityType: 'customer',
      entityId: ID,
      occurredAt: new Date(1_700_000_000_000).toISOString(),
      origin: { self: true, client: 'me' },
      changedFields: ['email'],
      data: customer,
    });
  });

  it('makes one change per record of a grouped event, with null data for records no longer readable', () => {
    const second = '0035g0000000002AAA';
    const changes = toChangeRecords(event({ changeType: 'CREATE', recordIds: [ID, second], changedFields: ['Email'] }), new ContactsById([customer]), 'me');
    expect(changes.map((c) => [c.changeType, c.entityId, c.data?.id ?? null, c.changedFields])).toEqual([
      ['created', ID, ID, []],
      ['created', second, null, []],
    ]);
  });

  it.each([
    ['DELETE', 'deleted'],
    ['UNDELETE', 'undeleted'],
    ['GAP_UPDATE', 'updated'],
  ])('maps %s to %s', (changeType, expected) => {
    const [change] = toChangeRecords(event({ changeType }), new ContactsById([customer]), 'me');
    expect(change?.changeType).toBe(expected);
    expect(change?.data).toEqual(expected === 'deleted' ? null : customer);
  });
});
