import type { Customer, CustomerInput, ExternalSystem } from '@strata/contracts-system-salesforce';
import { contactVersion } from './contact-version';

/** The Contact fields this API reads; one list so every query asks for the same shape. */
export const CONTACT_FIELDS = [
  'Id', 'Customer_Key__c', 'FirstName', 'LastName', 'Email', 'Phone', 'MobilePhone', 'Birthdate',
  'MailingStreet', 'MailingCity', 'MailingState', 'MailingPostalCode', 'MailingCountry', 'AccountId',
  'Core_Banking_Id__c', 'Card_Platform_Id__c', 'Loan_System_Id__c', 'Customer_Status__c', 'Preferred_Channels__c',
  'CreatedDate', 'LastModifiedDate',
] as const;

/** Each bank's id lives in its own external-id field on Contact. */
export const EXTERNAL_ID_FIELD: Record<ExternalSystem, string> = {
  'core-banking': 'Core_Banking_Id__c',
  'card-platform': 'Card_Platform_Id__c',
  'loan-system': 'Loan_System_Id__c',
};

/** Contract field names for Salesforce field names, to report validation errors in the caller's terms. */
export const CUSTOMER_FIELD_OF: Record<string, string> = {
  Customer_Key__c: 'customerKey', FirstName: 'firstName', LastName: 'lastName', Email: 'email', Phone: 'phone',
  MobilePhone: 'mobilePhone', Birthdate: 'birthDate', MailingStreet: 'mailingAddress.street', MailingCity: 'mailingAddress.city',
  MailingState: 'mailingAddress.state', MailingPostalCode: 'mailingAddress.postalCode', MailingCountry: 'mailingAddress.country',
  AccountId: 'accountId', Core_Banking_Id__c: 'externalIds.coreBanking', Card_Platform_Id__c: 'externalIds.cardPlatform',
  Loan_System_Id__c: 'externalIds.loanSystem', Customer_Status__c: 'status', Preferred_Channels__c: 'preferredChannels',
};

const STATUS_TO_PICKLIST = { active: 'Active', inactive: 'Inactive', deceased: 'Deceased' } as const;
const CHANNEL_TO_PICKLIST = { email: 'Email', phone: 'Phone', sms: 'SMS', post: 'Post' } as const;

type Record_ = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Salesforce prints `2024-01-31T10:00:00.000+0000`; the contract speaks RFC 3339. */
export function toIsoDateTime(value: unknown): string {
  const raw = String(value ?? '');
  return raw.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
}

/** A Contact record (as jsforce returns it) in the contract's clean shape, with its version. */
export function toCustomer(record: Record_): Customer {
  const served = servedFields(record);
  return { ...served, version: contactVersion(served) };
}

function servedFields(record: Record_): Omit<Customer, 'version'> {
  const status = text(record['Customer_Status__c'])?.toLowerCase() as Customer['status'];
  const channels = (text(record['Preferred_Channels__c']) ?? '').split(';').filter(Boolean);
  return {
    id: String(record['Id']),
    customerKey: text(record['Customer_Key__c']),
    firstName: text(record['FirstName']),
    lastName: String(record['LastName'] ?? ''),
    email: text(record['Email']),
    phone: text(record['Phone']),
    mobilePhone: text(record['MobilePhone']),
    birthDate: text(record['Birthdate']),
    mailingAddress: {
      street: text(record['MailingStreet']),
      city: text(record['MailingCity']),
      state: text(record['MailingState']),
      postalCode: text(record['MailingPostalCode']),
      country: text(record['MailingCountry']),
    },
    accountId: text(record['AccountId']),
    externalIds: {
      coreBanking: text(record['Core_Banking_Id__c']),
      cardPlatform: text(record['Card_Platform_Id__c']),
      loanSystem: text(record['Loan_System_Id__c']),
    },
    status: status && status in STATUS_TO_PICKLIST ? status : null,
    preferredChannels: channels.map((c) => c.toLowerCase()).filter((c): c is Customer['preferredChannels'][number] => c in CHANNEL_TO_PICKLIST),
    createdAt: toIsoDateTime(record['CreatedDate']),
    updatedAt: toIsoDateTime(record['LastModifiedDate']),
  };
}

/** The Contact fields to write for a customer input; only what the caller sent. */
export function toContactFields(input: CustomerInput): Record_ {
  const fields: Record_ = {};
  const set = (name: string, value: unknown) => {
    if (value !== undefined) fields[name] = value;
  };
  set('FirstName', input.firstName);
  set('LastName', input.lastName);
  set('Email', input.email);
  set('Phone', input.phone);
  set('MobilePhone', input.mobilePhone);
  set('Birthdate', input.birthDate);
  set('MailingStreet', input.mailingAddress?.street);
  set('MailingCity', input.mailingAddress?.city);
  set('MailingState', input.mailingAddress?.state);
  set('MailingPostalCode', input.mailingAddress?.postalCode);
  set('MailingCountry', input.mailingAddress?.country);
  set('AccountId', input.accountId);
  set('Core_Banking_Id__c', input.externalIds?.coreBanking);
  set('Card_Platform_Id__c', input.externalIds?.cardPlatform);
  set('Loan_System_Id__c', input.externalIds?.loanSystem);
  if (input.status !== undefined) set('Customer_Status__c', input.status === null ? null : STATUS_TO_PICKLIST[input.status]);
  if (input.preferredChannels) set('Preferred_Channels__c', input.preferredChannels.map((c) => CHANNEL_TO_PICKLIST[c]).join(';') || null);
  return fields;
}
