/**
 * The platform's fault codes. `Client` faults are about the request (the caller must
 * change it); `Server` faults are the platform's own trouble (the caller may retry).
 */
export const FAULT_CODES = {
  validation: 'CP-1001',
  notFound: 'CP-1002',
  duplicateCustomerRef: 'CP-1009',
  internal: 'CP-5000',
  unavailable: 'CP-5003',
} as const;

export type FaultCode = (typeof FAULT_CODES)[keyof typeof FAULT_CODES];

/**
 * A SOAP 1.1 fault in the shape the `soap` package's server serialises when a service
 * method throws `{ Fault }`: `faultcode`, `faultstring` and a `<CardFault>` detail
 * with the platform code, a message and, for validation, the offending element.
 */
export class CardFault extends Error {
  readonly Fault: {
    faultcode: string;
    faultstring: string;
    detail: { CardFault: { Code: FaultCode; Message: string; Field?: string } };
    statusCode: number;
  };

  constructor(code: FaultCode, message: string, field?: string) {
    super(message);
    const side = code.startsWith('CP-5') ? 'soap:Server' : 'soap:Client';
    this.Fault = {
      faultcode: side,
      faultstring: message,
      detail: { CardFault: { Code: code, Message: message, ...(field ? { Field: field } : {}) } },
      statusCode: 500,
    };
  }
}

export const validationFault = (field: string, message: string) => new CardFault(FAULT_CODES.validation, `${field}: ${message}`, field);
