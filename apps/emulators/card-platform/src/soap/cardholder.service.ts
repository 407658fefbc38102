import type { FaultSwitches } from '../admin/fault-switches';
import { type CardholderStore, DuplicateCustomerRefError } from '../store/cardholder.store';
import { type Cardholder, inWsdlOrder } from '../store/cardholder.types';
import { CardFault, FAULT_CODES, validationFault } from './card-fault';
import { validateCardholder } from './cardholder.validation';

export interface CardholderServiceDeps {
  store: CardholderStore;
  faults: FaultSwitches;
}

type Args = Record<string, unknown> | undefined;
const MAX_PAGE = 1000;
const MAX_SEARCH = 100;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * The four operations of the WSDL, as the `soap` package's server calls them (one
 * object per service and port). Every failure leaves as a SOAP fault with a platform
 * code; anything unexpected becomes CP-5000 without internals, as the vendor's does.
 */
export function cardholderService(deps: CardholderServiceDeps) {
  const { store, faults } = deps;
  const serve = (record: Cardholder) => inWsdlOrder(faults.serve(record));
  const guarded =
    <T>(operation: (args: Record<string, unknown>) => Promise<T>) =>
    async (args: Args): Promise<T> => {
      if (faults.takeError()) throw new CardFault(FAULT_CODES.internal, 'Internal processing error, please retry later');
      try {
        return await operation(args ?? {});
      } catch (error) {
        if (error instanceof CardFault) throw error;
        if (error instanceof DuplicateCustomerRefError) throw new CardFault(FAULT_CODES.duplicateCustomerRef, error.message, 'CustomerRef');
        throw new CardFault(FAULT_CODES.internal, 'Internal processing error');
      }
    };

  const GetCardholder = guarded(async (args) => {
    const id = text(args['CardholderId']);
    if (!id) throw validationFault('CardholderId', 'is required');
    const record = await store.get(id);
    if (!record) throw new CardFault(FAULT_CODES.notFound, `Cardholder ${id} not found`);
    return { Cardholder: serve(record) };
  });

  const SearchCardholders = guarded(async (args) => {
    const criteria = { CustomerRef: text(args['CustomerRef']), EmailAddress: text(args['EmailAddress']), FamilyName: text(args['FamilyName']) };
    if (!criteria.CustomerRef && !criteria.EmailAddress && !criteria.FamilyName) throw validationFault('CustomerRef', 'give CustomerRef, EmailAddress or FamilyName');
    return { Cardholder: (await store.search(criteria, MAX_SEARCH)).map(serve) };
  });

  const ListCardholders = guarded(async (args) => {
    const pageSize = Number(args['PageSize']);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) throw validationFault('PageSize', `must be 1..${MAX_PAGE}`);
    const page = await store.page(pageSize, text(args['StartAfter']));
    const last = page.at(-1)?.CardholderId;
    return { Cardholder: page.map(serve), ...(page.length === pageSize && last ? { NextStartAfter: last } : {}) };
  });

  const UpsertCardholder = guarded(async (args) => {
    const input = (args['Cardholder'] ?? {}) as Record<string, unknown>;
    const givenId = text(input['CardholderId']);
    if (givenId && !(await store.get(givenId))) throw new CardFault(FAULT_CODES.notFound, `Cardholder ${givenId} not found`);
    const record = validateCardholder(input, givenId ?? (await store.nextId()));
    const { created } = await store.save(record);
    return { Created: created, Cardholder: inWsdlOrder(record) };
  });

  return { CardholderService: { CardholderPort: { GetCardholder, SearchCardholders, ListCardholders, UpsertCardholder } } };
}
