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

  async submit(target: UpdateTarget, input: UpdateInput, waitSeconds: number): Promise<WriteOutcome> {
    const [settled] = (await this.send([{ target, input }], waitSeconds, () => 'body')) as [UpdateRequest];
    if (settled.status === 'pending') return { status: 202, body: settled, headers: { location: `/v1/requests/${settled.requestId}` } };
    if (settled.status === 'rejected') throw rejectionError(settled);
    return { status: 200, body: settled, headers: { location: `/v1/requests/${settled.requestId}` } };
  }

  /**
   * Several updates as one request file, one record each, the way the mainframe takes
   * work: one file, one acknowledgement, one wait for all of them. Resolves with each
   * update's request in the order given; an update the layout cannot hold refuses them
   * all (400 naming `body.items.<n>`) before anything is written.
   */
  submitMany(updates: readonly { target: UpdateTarget; input: UpdateInput }[], waitSeconds: number): Promise<UpdateRequest[]> {
    return this.send(updates, waitSeconds, (index) => `body.items.${index}.update`);
  }

  /** Formats every record, writes them as one file under the breaker, and waits (bounded) for the acknowledgement. */
  private async send(updates: readonly { target: UpdateTarget; input: UpdateInput }[], waitSeconds: number, bodyPathOf: (index: number) => string): Promise<UpdateRequest[]> {
    const lines = updates.map(({ target, input }, index) => formatUpdate(target, input, index + 1, bodyPathOf(index)));
    // No request file once the caller has (all but) given up: it would be applied with nobody told.
    backendTimeoutMs(this.deps.maxWaitSeconds * 1000, 'loan-mainframe');
    const requests = await this.deps.breaker.run(async () => {
      await this.deps.probe();
      return this.writeRequestFile(updates.map((u) => u.target), lines);
    });
    const waitMs = ackWaitMs(waitSeconds, this.deps.maxWaitSeconds);
    return waitMs > 0 ? this.waitForAcks(requests.map((r) => r.requestId), waitMs) : requests;
  }

  async get(requestId: string): Promise<UpdateRequest> {
    await this.deps.correlator.scan();
    const request = await this.deps.store.get(requestId);
    if (!request) throw new NotFoundError(`No update request ${requestId}`);
    return request;
  }

  private async writeRequestFile(targets: readonly UpdateTarget[], lines: string[]): Promise<UpdateRequest[]> {
    const fileSeq = await this.deps.store.nextFileSeq(await this.floor());
    const requestFile = `LNREQ.${seqText(fileSeq)}.req`;
    const requests = targets.map((target) => ({ requestId: randomUUID(), fileSeq, requestFile, loanAccount: target.loanAccount, customerKey: target.customerKey }));
    const requestIds = requests.map((r) => r.requestId);
    await this.deps.store.insert(requests);
    try {
      await this.deps.inbound.writeAtomically(requestFile, writeRecordFile('LNREQ', fileSeq, lines, new Date()));
    } catch (error) {
      await this.deps.store.remove(requestIds);
      throw error;
    }
    return this.stored(requestIds);
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

  /** Requests this instance has just written; their rows exist unless someone deleted them. */
  private async stored(requestIds: readonly string[]): Promise<UpdateRequest[]> {
    const requests = await this.deps.store.getMany(requestIds);
    if (requests.length !== requestIds.length) throw new Error(`${requestIds.length - requests.length} update requests vanished from the database`);
    return requests;
  }

  /** The requests once all are acknowledged, or as they stand at the end of the wait. */
  private async waitForAcks(requestIds: readonly string[], waitMs: number): Promise<UpdateRequest[]> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      await this.deps.correlator.scan();
      const requests = await this.stored(requestIds);
      if (requests.every((r) => r.status !== 'pending') || Date.now() >= deadline) return requests;
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

/** An update's input: the customer fields, and the golden key to link when given. */
type UpdateInput = CustomerInput & { customerKey?: string | null };

/** The update as record `recordNo`; a value the layout cannot hold is the caller's 400, naming the field under `bodyPath`. */
function formatUpdate(target: UpdateTarget, input: UpdateInput, recordNo: number, bodyPath: string): string {
  try {
    return formatRecord(updateLayout, toUpdateValues(target, input, recordNo));
  } catch (error) {
    if (!(error instanceof RecordFormatError)) throw error;
    const field = (error.field === 'newCustomerKey' ? 'customerKey' : error.field) as UpdatableField;
    const path = (BODY_PATH_OF_FIELD[field] ?? 'body').replace(/^body/, bodyPath);
    throw new ValidationError('The update does not fit the mainframe record', [{ path, message: error.message }]);
  }
}
