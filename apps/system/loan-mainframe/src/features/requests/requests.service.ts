import { randomUUID } from 'node:crypto';
import type { CustomerInput, UpdateRequest } from '@strata/contracts-system-loan-mainframe';
import { NotFoundError, ValidationError } from '@strata/errors';
import { attemptTimeoutMs, backendTimeoutMs, DEFAULT_DEADLINE_MARGIN_MS } from '@strata/http-client';
import { currentContext } from '@strata/logging';
import { BODY_PATH_OF_FIELD, toUpdateValues, type UpdateTarget } from '../../mainframe/borrower.mapper';
import type { ExchangeFolder } from '../../mainframe/exchange-folder';
import { FILE_PATTERNS, formatRecord, RecordFormatError, seqText, sequenceOf, type UpdatableField, updateLayout, writeRecordFile } from '@strata/copybook';
import type { MainframeBreaker } from '../../mainframe/mainframe.breaker';
import type { AckCorrelator } from './ack.correlator';
import type { RequestStore } from './request.store';
import { rejectionError } from './return-codes';

export interface RequestsServiceDeps {
  store: RequestStore;
  correlator: AckCorrelator;
  breaker: MainframeBreaker;
  /** Resolves when the mainframe can take work; throws UpstreamUnavailableError when it cannot. */
  probe: () => Promise<void>;
  inbound: ExchangeFolder;
  outbound: ExchangeFolder;
  /** Upper bound of a caller's `Prefer: wait`. */
  maxWaitSeconds: number;
  /** How often a waiting caller looks for its acknowledgement. */
  ackPollMs?: number;
}

/** A write's answer: settled (200) or still pending (202, with where to look). */
export interface WriteOutcome {
  status: 200 | 202;
  body: UpdateRequest;
  headers: Record<string, string>;
}

/**
 * Writes to the mainframe as request files and correlates its acknowledgements. A
 * write is recorded, then its file is written (tmp + rename) under the breaker; the
 * caller gets 202 and a status URL, or, with `Prefer: wait`, the outcome once the
 * acknowledgement arrives within the (bounded) wait.
 */
export class RequestsService {
  /**
   * The highest sequence already in the exchange folders, read on the first write only:
   * it keeps a fresh database from reusing numbers of files already there, and after
   * that the counter in the database alone numbers files (listing folders that are never
   * archived on every write grew slower with every file).
   */
  private sequenceFloor: Promise<number> | undefined;

  constructor(private readonly deps: RequestsServiceDeps) {}

  async submit(target: UpdateTarget, input: CustomerInput & { customerKey?: string | null }, waitSeconds: number): Promise<WriteOutcome> {
    const line = formatUpdate(target, input);
    // No request file once the caller has (all but) given up: it would be applied with nobody told.
    backendTimeoutMs(this.deps.maxWaitSeconds * 1000, 'loan-mainframe');
    const request = await this.deps.breaker.run(async () => {
      await this.deps.probe();
      return this.writeRequestFile(target, line);
    });
    const waitMs = ackWaitMs(waitSeconds, this.deps.maxWaitSeconds);
    const settled = waitMs > 0 ? await this.waitForAck(request.requestId, waitMs) : request;
    if (settled.status === 'pending') return { status: 202, body: settled, headers: { location: `/v1/requests/${settled.requestId}` } };
    if (settled.status === 'rejected') throw rejectionError(settled);
    return { status: 200, body: settled, headers: { location: `/v1/requests/${settled.requestId}` } };
  }

  async get(requestId: string): Promise<UpdateRequest> {
    await this.deps.correlator.scan();
    const request = await this.deps.store.get(requestId);
    if (!request) throw new NotFoundError(`No update request ${requestId}`);
    return request;
  }

  private async writeRequestFile(target: UpdateTarget, line: string): Promise<UpdateRequest> {
    const fileSeq = await this.deps.store.nextFileSeq(await this.floor());
    const requestFile = `LNREQ.${seqText(fileSeq)}.req`;
    const requestId = randomUUID();
    await this.deps.store.insert({ requestId, fileSeq, requestFile, loanAccount: target.loanAccount, customerKey: target.customerKey });
    try {
      await this.deps.inbound.writeAtomically(requestFile, writeRecordFile('LNREQ', fileSeq, [line], new Date()));
    } catch (error) {
      await this.deps.store.remove(requestId);
      throw error;
    }
    return this.stored(requestId);
  }

  private floor(): Promise<number> {
    this.sequenceFloor ??= Promise.all([this.deps.inbound.list(FILE_PATTERNS.request), this.deps.outbound.list(FILE_PATTERNS.ack)])
      .then(([requests, acks]) => [...requests, ...acks].reduce((highest, name) => Math.max(highest, sequenceOf(name)), 0))
      .catch((error: unknown) => {
        this.sequenceFloor = undefined;
        throw error;
      });
    return this.sequenceFloor;
  }

  /** A request this instance has just written; its row exists unless someone deleted it. */
  private async stored(requestId: string): Promise<UpdateRequest> {
    const request = await this.deps.store.get(requestId);
    if (!request) throw new Error(`update request ${requestId} vanished from the database`);
    return request;
  }

  private async waitForAck(requestId: string, waitMs: number): Promise<UpdateRequest> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      await this.deps.correlator.scan();
      const request = await this.stored(requestId);
      if (request.status !== 'pending' || Date.now() >= deadline) return request;
      await new Promise((resolve) => setTimeout(resolve, this.deps.ackPollMs ?? 100));
    }
  }
}

/**
 * How long a write waits for its acknowledgement: what the caller asked (`Prefer: wait`),
 * at most `maxWaitSeconds`, and no longer than the caller's deadline allows: past it the
 * caller has gone, so it gets the 202 with the status URL while it still listens.
 */
function ackWaitMs(waitSeconds: number, maxWaitSeconds: number): number {
  return attemptTimeoutMs(Math.min(waitSeconds, maxWaitSeconds) * 1000, currentContext()?.deadlineAt, DEFAULT_DEADLINE_MARGIN_MS) ?? 0;
}

/** The update as a record line; a value the layout cannot hold is the caller's 400, naming the body field. */
function formatUpdate(target: UpdateTarget, input: CustomerInput & { customerKey?: string | null }): string {
  try {
    return formatRecord(updateLayout, toUpdateValues(target, input, 1));
  } catch (error) {
    if (!(error instanceof RecordFormatError)) throw error;
    const field = (error.field === 'newCustomerKey' ? 'customerKey' : error.field) as UpdatableField;
    throw new ValidationError('The update does not fit the mainframe record', [{ path: BODY_PATH_OF_FIELD[field] ?? 'body', message: error.message }]);
  }
}
