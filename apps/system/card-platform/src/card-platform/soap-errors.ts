/**
 * What a failed SOAP call was, read from what the `soap` client throws: a fault the
 * platform answered with (its `<CardFault>` code tells what), or no usable answer at
 * all (refused connection, HTTP 5xx without a fault, a reset).
 */
export type SoapFailure =
  | { kind: 'client-fault'; code: string; message: string; field?: string }
  | { kind: 'server-fault'; code: string; message: string }
  | { kind: 'transport'; status?: number; code?: string };

interface SoapErrorShape {
  root?: { Envelope?: { Body?: { Fault?: { faultcode?: string; faultstring?: string; detail?: { CardFault?: { Code?: string; Message?: string; Field?: string } } } } } };
  response?: { status?: number };
  code?: string;
}

export function classifySoapError(error: unknown): SoapFailure {
  const shape = (error ?? {}) as SoapErrorShape;
  const fault = shape.root?.Envelope?.Body?.Fault;
  if (!fault) return { kind: 'transport', status: shape.response?.status, code: shape.code };
  const detail = fault.detail?.CardFault ?? {};
  const code = detail.Code ?? 'UNKNOWN';
  const message = detail.Message ?? fault.faultstring ?? 'SOAP fault';
  if (String(fault.faultcode ?? '').endsWith('Client')) return { kind: 'client-fault', code, message, ...(detail.Field ? { field: detail.Field } : {}) };
  return { kind: 'server-fault', code, message };
}

/** True for faults about the request itself: they say nothing about the platform's health. */
export function isCallerFault(error: unknown): boolean {
  return classifySoapError(error).kind === 'client-fault';
}
