import type { AdvisorCustomerSummary, AdvisorHistoryEntry, Customer360 } from '@strata/contracts-experience-advisor';
import { NotFoundError, UpstreamError } from '@strata/errors';
import type { CustomerSyncClient } from '../../customer-sync/customer-sync.client';
import { toGoldenRecord, toSummary, toSystemViews } from './customers.mapper';

type Page<T> = { items: T[]; nextCursor: string | null };

/** History entries the 360 shows; the rest is one `nextCursor` away. */
export const HISTORY_IN_360 = 10;

/**
 * Customers as staff see them, composed from customer-sync: no rules of its own. An
 * unknown customer becomes this API's 404 (without customer-sync's wording); every
 * other failure keeps the http-client mapping (503 when customer-sync is down).
 */
export class CustomersService {
  constructor(private readonly customerSync: CustomerSyncClient) {}

  async search(query: { q?: string; cursor?: string; limit: number }): Promise<Page<AdvisorCustomerSummary>> {
    const page = await this.customerSync.searchCustomers({ query: { q: query.q, after: query.cursor, limit: query.limit } });
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }

  /** The Customer 360: golden record, each system's live view and the first history page, fetched side by side. */
  async view360(customerKey: string): Promise<Customer360> {
    const params = { customerKey };
    const [customer, systems, history] = await this.known(customerKey, () =>
      Promise.all([
        this.customerSync.getCustomer({ params }),
        this.customerSync.getCustomerSystems({ params }),
        this.customerSync.getCustomerHistory({ params, query: { limit: HISTORY_IN_360 } }),
      ]),
    );
    const views = toSystemViews(systems);
    return {
      customer: toGoldenRecord(customer),
      inStep: views.every((view) => view.status === 'in-step'),
      systems: views,
      systemsReadAt: systems.readAt,
      history,
    };
  }

  async history(customerKey: string, query: { cursor?: string; limit: number }): Promise<Page<AdvisorHistoryEntry>> {
    return this.known(customerKey, () => this.customerSync.getCustomerHistory({ params: { customerKey }, query: { after: query.cursor, limit: query.limit } }));
  }

  private async known<T>(customerKey: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof UpstreamError && error.upstreamStatus === 404) throw new NotFoundError(`No customer ${customerKey}`, { cause: error });
      throw error;
    }
  }
}
