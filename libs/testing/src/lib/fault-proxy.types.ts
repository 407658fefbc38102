/**
 * Types for the fault-injection proxy. Kept apart from the implementation so tests and
 * helpers can name a fault without pulling in sockets.
 */

/** Where the proxy forwards to: the real (test) backend. */
export interface ProxyTarget {
  host: string;
  port: number;
}

/**
 * Delays every forwarded chunk, in both directions, by `ms` plus a uniform random
 * `0..jitterMs`. Order is kept. Combines with any other fault, because a slow network
 * and a failing backend happen together in real life.
 */
export interface LatencyFault {
  kind: 'latency';
  ms: number;
  jitterMs?: number;
}

/**
 * A hanging backend: connections are accepted and read, nothing is forwarded or
 * answered. Open connections are blackholed at their next byte from the client.
 * This is what makes client timeouts observable.
 */
export interface BlackholeFault {
  kind: 'blackhole';
}

/**
 * New connections are reset (TCP RST) at once, so the client sees ECONNRESET.
 * Open connections are reset at their next byte from the client.
 */
export interface ResetFault {
  kind: 'reset';
}

/**
 * Forwards normally, then resets the client connection once `bytes` bytes have come
 * back from upstream on that connection: a response cut off half-way.
 */
export interface ResetAfterBytesFault {
  kind: 'reset-after-bytes';
  bytes: number;
}

/**
 * The next `count` HTTP requests are answered by the proxy with `status` and a small
 * problem+json body (`connection: close`) instead of being forwarded; then the proxy
 * forwards again on its own. Requests arriving on already open keep-alive connections
 * are caught too: the proxy spots the start of the next request, drops that
 * connection's upstream socket and answers it.
 */
export interface HttpErrorBurstFault {
  kind: 'http-error-burst';
  status: number;
  count: number;
}

/**
 * The backend is gone: the proxy stops listening (ECONNREFUSED) and drops open
 * connections, until `clearFaults()` (or another non-latency fault) listens again on
 * the same port.
 */
export interface DownFault {
  kind: 'down';
}

/** Every fault the proxy can inject. */
export type Fault =
  | LatencyFault
  | BlackholeFault
  | ResetFault
  | ResetAfterBytesFault
  | HttpErrorBurstFault
  | DownFault;

/** The faults of which only one is active at a time (latency stacks on top). */
export type ExclusiveFault = Exclude<Fault, LatencyFault>;

/** Options for {@link startFaultProxy}. */
export interface FaultProxyOptions {
  target: ProxyTarget;
  /** Port to listen on; 0 (the default) picks a free one. */
  listenPort?: number;
  /** Interface to listen on; defaults to 127.0.0.1 so tests never open a public port. */
  host?: string;
}

/** Counters, so a test can assert what the client actually went through. */
export interface FaultProxyStats {
  connectionsAccepted: number;
  /**
   * HTTP requests that reached the proxy (request lines seen from clients), whether
   * forwarded, answered by a burst or swallowed by a blackhole: what a failing backend
   * would have received, so a test can bound retry amplification.
   */
  httpRequests: number;
  /** Connections open right now (client side). */
  openConnections: number;
  bytesToUpstream: number;
  bytesToClient: number;
  connectionsReset: number;
  connectionsBlackholed: number;
  httpErrorsServed: number;
}

/** A running proxy, controlled from the test that owns it. */
export interface FaultProxy {
  readonly port: number;
  /** `http://<host>:<port>`, ready to be given to the client under test. */
  readonly url: string;
  /**
   * Activates a fault. Latency stacks with the current fault; any other kind replaces
   * the previous one. Resolves once the proxy is in the new state (for `down`: no
   * longer listening).
   */
  setFault(fault: Fault): Promise<void>;
  /** Back to plain forwarding; listens again if the proxy was `down`. */
  clearFaults(): Promise<void>;
  stats(): FaultProxyStats;
  /**
   * Request lines seen (`GET /v1/customers/P1`, newest last; the latest 10,000), so a
   * test can count the calls of one route among everything else on the connection.
   */
  requestLines(): readonly string[];
  /** Stops listening and destroys every open socket, so no test ever hangs on it. */
  close(): Promise<void>;
}
