import { parseChangeEventChannel, schemaIdFor } from './change-event.channels';

describe('change event channel names', () => {
  it.each([
    ['/data/ContactChangeEvent', 'Contact'],
    ['/data/AccountChangeEvent', 'Account'],
    ['/data/Invoice__ChangeEvent', 'Invoice__c'],
    ['/data/ChangeEvents', undefined],
  ])('reads %s as the changes of %p', (channel, entityName) => {
    expect(parseChangeEventChannel(channel)).toEqual({ channel, entityName });
  });

  it.each(['/data/ChangeEvent', '/data/Contact', '/topic/ContactChangeEvent', '/data/ContactChangeEvent/x', '/event/Foo__e'])(
    'does not recognise %s',
    (channel) => {
      expect(parseChangeEventChannel(channel)).toBeUndefined();
    },
  );

  it('gives each entity its own schema id, the same on every call', () => {
    expect(schemaIdFor('Contact')).toBe(schemaIdFor('Contact'));
    expect(schemaIdFor('Contact')).not.toBe(schemaIdFor('Account'));
    expect(schemaIdFor('Contact')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
