import type { MobileContactChange, MobileProfile, MobileSyncStatus } from '@strata/contracts-experience-mobile';
import { NotFoundError, PreconditionFailedError, UpstreamError } from '@strata/errors';
import type { CustomerSyncClient } from '../../customer-sync/customer-sync.client';
import { toMobileProfile, toMobileSyncStatus } from './me.mapper';

/**
 * The signed-in customer's own record, always addressed by the key from their token.
 * customer-sync's refusals that concern the customer become this API's own errors
 * (no upstream names); anything else keeps the http-client mapping.
 */
export class MeService {
  constructor(private readonly customerSync: CustomerSyncClient) {}

  async profile(customerKey: string): Promise<MobileProfile> {
    const customer = await this.call(() => this.customerSync.getCustomer({ params: { customerKey } }));
    return toMobileProfile(customer);
  }

  /** Sends the change at the version the app last read (`If-Match`); 412 when someone changed it since. */
  async changeContact(customerKey: string, ifMatch: string, change: MobileContactChange): Promise<MobileProfile> {
    const accepted = await this.call(() => this.customerSync.changeContactDetails({ params: { customerKey }, headers: { 'if-match': ifMatch }, body: change }));
    return toMobileProfile(accepted.customer);
  }

  async syncStatus(customerKey: string): Promise<MobileSyncStatus> {
    const status = await this.call(() => this.customerSync.getCustomerSyncStatus({ params: { customerKey } }));
    return toMobileSyncStatus(status);
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      if (error instanceof UpstreamError && error.upstreamStatus === 412) {
        throw new PreconditionFailedError('Your profile has changed since you read it: read it again, then retry with its new ETag', { cause: error });
      }
      if (error instanceof UpstreamError && error.upstreamStatus === 404) {
        throw new NotFoundError('No customer profile belongs to this sign-in', { cause: error });
      }
      throw error;
    }
  }
}
