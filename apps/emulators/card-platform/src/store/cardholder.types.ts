/** Card account states as the platform names them. */
export const CARD_STATUSES = ['OPEN', 'BLOCKED', 'CLOSED'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/**
 * One cardholder in the card platform's own model and spelling: `FAMILY, GIVEN` names in
 * ASCII upper case, `DD/MM/YYYY` birth dates, three free address lines, and no
 * modification timestamp anywhere (which is why its System API must diff snapshots).
 */
export interface Cardholder {
  CardholderId: string;
  /** The bank's golden key; missing for cardholders nobody linked. */
  CustomerRef?: string;
  FullName: string;
  DateOfBirth?: string;
  EmailAddress?: string;
  MobileNumber?: string;
  AddrLine1?: string;
  AddrLine2?: string;
  AddrLine3?: string;
  PostCode?: string;
  CountryCode?: string;
  Status: CardStatus;
  CardProduct?: string;
}

/** The optional fields, in WSDL order; the store keeps one column per field. */
export const OPTIONAL_FIELDS = [
  'CustomerRef', 'DateOfBirth', 'EmailAddress', 'MobileNumber', 'AddrLine1', 'AddrLine2', 'AddrLine3', 'PostCode', 'CountryCode', 'CardProduct',
] as const satisfies readonly (keyof Cardholder)[];

/** Every field in the order the WSDL's sequence declares them (document/literal is ordered). */
export const FIELD_ORDER = [
  'CardholderId', 'CustomerRef', 'FullName', 'DateOfBirth', 'EmailAddress', 'MobileNumber',
  'AddrLine1', 'AddrLine2', 'AddrLine3', 'PostCode', 'CountryCode', 'Status', 'CardProduct',
] as const satisfies readonly (keyof Cardholder)[];

/** A cardholder with its fields in WSDL order and absent ones left out, as the SOAP layer sends it. */
export function inWsdlOrder(record: Cardholder): Cardholder {
  const ordered: Record<string, string> = {};
  for (const field of FIELD_ORDER) {
    const value = record[field];
    if (value !== undefined && value !== null && value !== '') ordered[field] = value;
  }
  return ordered as unknown as Cardholder;
}
