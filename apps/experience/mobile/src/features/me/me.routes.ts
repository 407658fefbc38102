import { experienceMobileContract } from '@strata/contracts-experience-mobile';
import { PreconditionRequiredError } from '@strata/errors';
import type { ContractHandlers } from '@strata/service-kit';
import { customerKeyOf } from '../../security/customer-key';
import type { MeService } from './me.service';

const STATUS_URL = '/v1/me/sync-status';

const etagOf = (version: number) => `"${version}"`;

/** RFC 9110 weak comparison: `*`, or any listed tag equal to ours with or without `W/`. */
function matchesAny(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** The three routes; the customer is always the token's (`claim`), never one named in the request. */
export function meHandlers(me: MeService, claim: string): ContractHandlers<typeof experienceMobileContract> {
  return {
    getMe: async ({ headers, res }) => {
      const profile = await me.profile(customerKeyOf(res, claim));
      const etag = etagOf(profile.version);
      const cache = { etag, 'cache-control': 'private, no-cache' };
      if (matchesAny(headers['if-none-match'], etag)) return { status: 304, body: undefined, headers: cache };
      return { status: 200, body: profile, headers: cache };
    },
    changeMe: async ({ headers, body, res }) => {
      const ifMatch = headers['if-match'];
      if (!ifMatch) throw new PreconditionRequiredError('Send the ETag of GET /v1/me as If-Match, so a change never overwrites one you have not seen');
      const profile = await me.changeContact(customerKeyOf(res, claim), ifMatch, body);
      return {
        status: 202,
        body: { version: profile.version, profile, statusUrl: STATUS_URL },
        headers: { location: STATUS_URL, etag: etagOf(profile.version) },
      };
    },
    getMySyncStatus: async ({ res }) => ({ status: 200, body: await me.syncStatus(customerKeyOf(res, claim)) }),
  };
}
