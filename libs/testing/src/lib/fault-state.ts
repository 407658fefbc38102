import type { ExclusiveFault, Fault, FaultProxyStats, LatencyFault } from './fault-proxy.types';

/** Stats the connections update; `openConnections` is computed by the proxy itself. */
const MAX_REQUEST_LINES = 10_000;

export type MutableStats = Omit<FaultProxyStats, 'openConnections'>;

/**
 * The proxy's current faults and counters, shared by every connection. Connections
 * read it on every event, so a fault set mid-test applies to traffic already flowing.
 */
export class FaultState {
  latency: LatencyFault | undefined;
  exclusive: ExclusiveFault | undefined;
  private burstLeft = 0;
  readonly stats: MutableStats = {
    connectionsAccepted: 0,
    httpRequests: 0,
    bytesToUpstream: 0,
    bytesToClient: 0,
    connectionsReset: 0,
    connectionsBlackholed: 0,
    httpErrorsServed: 0,
  };

  /** Request lines seen, newest last; see `FaultProxy.requestLines`. */
  readonly requestLines: string[] = [];

  /** Counts a request that reached the proxy and keeps its request line (method and path). */
  recordRequest(head: Buffer): void {
    this.stats.httpRequests += 1;
    const line = head.subarray(0, 512).toString('latin1').split('\r\n', 1)[0] ?? '';
    this.requestLines.push(line.replace(/ HTTP\/\d(\.\d)?$/, ''));
    if (this.requestLines.length > MAX_REQUEST_LINES) this.requestLines.splice(0, this.requestLines.length - MAX_REQUEST_LINES);
  }

  /** Latency stacks; any other fault replaces the previous exclusive one. */
  set(fault: Fault): void {
    validateFault(fault);
    if (fault.kind === 'latency') {
      this.latency = fault;
      return;
    }
    this.exclusive = fault;
    this.burstLeft = fault.kind === 'http-error-burst' ? fault.count : 0;
  }

  clear(): void {
    this.latency = undefined;
    this.exclusive = undefined;
    this.burstLeft = 0;
  }

  isDown(): boolean {
    return this.exclusive?.kind === 'down';
  }

  isBurstActive(): boolean {
    return this.exclusive?.kind === 'http-error-burst' && this.burstLeft > 0;
  }

  /**
   * Claims one error response of the burst, or undefined when the burst is over.
   * Claiming only when a request's headers are complete keeps the count exact even
   * with several connections racing.
   */
  takeBurstStatus(): number | undefined {
    const fault = this.exclusive;
    if (fault?.kind !== 'http-error-burst' || this.burstLeft <= 0) return undefined;
    this.burstLeft -= 1;
    if (this.burstLeft === 0) this.exclusive = undefined;
    this.stats.httpErrorsServed += 1;
    return fault.status;
  }

  /** Delay for the next chunk: `ms` plus uniform jitter, or 0 without latency. */
  nextDelayMs(): number {
    if (!this.latency) return 0;
    return this.latency.ms + Math.random() * (this.latency.jitterMs ?? 0);
  }
}

/** Rejects nonsense early: a typo in a test should fail loudly, not inject nothing. */
function validateFault(fault: Fault): void {
  const bad = (what: string): never => {
    throw new RangeError(`invalid ${fault.kind} fault: ${what}`);
  };
  switch (fault.kind) {
    case 'latency':
      if (!(fault.ms >= 0) || !((fault.jitterMs ?? 0) >= 0)) bad('ms and jitterMs must be >= 0');
      return;
    case 'reset-after-bytes':
      if (!Number.isInteger(fault.bytes) || fault.bytes < 0) bad('bytes must be an integer >= 0');
      return;
    case 'http-error-burst':
      if (!Number.isInteger(fault.count) || fault.count < 1) bad('count must be an integer >= 1');
      if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) bad('status must be 100..599');
      return;
    default:
      return;
  }
}
