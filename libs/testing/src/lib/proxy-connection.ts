import { connect, type Socket } from 'node:net';
import { DelayedWriter } from './delayed-writer';
import type { FaultState } from './fault-state';
import type { ProxyTarget, ResetAfterBytesFault } from './fault-proxy.types';
import { cannedProblemResponse, hasEndOfHeaders, looksLikeRequestStart, MAX_SNIFF_BYTES } from './http-sniff';

type Mode = 'forward' | 'sniff' | 'answered' | 'blackhole' | 'closed';

/**
 * One client connection through the fault proxy. It consults the shared
 * {@link FaultState} on every event rather than once at accept time, so a fault set
 * mid-test reaches keep-alive connections too.
 */
export class ProxiedConnection {
  private mode: Mode = 'forward';
  private upstream: Socket | undefined;
  private sniffed: Buffer[] = [];
  private budgetFault: ResetAfterBytesFault | undefined;
  private budget = 0;
  private readonly toClient: DelayedWriter;
  private readonly toUpstream: DelayedWriter;

  constructor(
    private readonly client: Socket,
    private readonly state: FaultState,
    private readonly target: ProxyTarget,
  ) {
    const delay = () => state.nextDelayMs();
    this.toClient = new DelayedWriter((c) => this.writeToClient(c), () => this.client.end(), delay);
    this.toUpstream = new DelayedWriter((c) => this.writeToUpstream(c), () => this.upstream?.end(), delay);
  }

  /** Applies the fault in force at accept time and starts moving bytes. */
  start(): void {
    this.client.on('error', () => undefined);
    this.client.on('close', () => this.destroy());
    this.client.on('data', (chunk: Buffer) => this.onClientData(chunk));
    this.client.on('end', () => this.toUpstream.end());
    const fault = this.state.exclusive;
    if (fault?.kind === 'reset') this.reset();
    else if (fault?.kind === 'blackhole') this.blackhole();
    else if (this.state.isBurstActive()) this.mode = 'sniff';
    else this.connectUpstream();
  }

  /** Destroys both sides at once; safe to call repeatedly. */
  destroy(): void {
    this.mode = 'closed';
    this.toClient.cancel();
    this.toUpstream.cancel();
    this.dropUpstream();
    this.client.destroy();
  }

  private onClientData(chunk: Buffer): void {
    if (this.mode !== 'closed' && this.mode !== 'answered' && looksLikeRequestStart(chunk)) this.state.recordRequest(chunk);
    if (this.mode === 'closed' || this.mode === 'blackhole' || this.mode === 'answered') return;
    const fault = this.state.exclusive;
    if (fault?.kind === 'reset') return this.reset();
    if (fault?.kind === 'blackhole') return this.blackhole();
    if (this.mode === 'forward' && this.state.isBurstActive() && looksLikeRequestStart(chunk)) {
      this.dropUpstream();
      this.mode = 'sniff';
    }
    if (this.mode === 'sniff') return this.sniff(chunk);
    this.toUpstream.push(chunk);
  }

  /** Buffers a request head, then either answers it with the burst error or forwards it. */
  private sniff(chunk: Buffer): void {
    this.sniffed.push(chunk);
    const head = Buffer.concat(this.sniffed);
    if (!hasEndOfHeaders(head) && head.length < MAX_SNIFF_BYTES) return;
    this.sniffed = [];
    const status = this.state.takeBurstStatus();
    if (status === undefined) {
      this.mode = 'forward';
      this.connectUpstream();
      this.toUpstream.push(head);
      return;
    }
    // end() half-closes and we keep reading, so an unread request body cannot turn
    // the close into an RST that would eat the response.
    this.mode = 'answered';
    this.client.end(cannedProblemResponse(status));
  }

  private connectUpstream(): void {
    const up = connect({ host: this.target.host, port: this.target.port });
    this.upstream = up;
    up.on('data', (chunk: Buffer) => {
      if (up === this.upstream) this.toClient.push(chunk);
    });
    up.on('end', () => {
      if (up === this.upstream) this.toClient.end();
    });
    up.on('error', () => undefined);
    up.on('close', (hadError) => {
      if (up === this.upstream && hadError) this.destroy();
    });
  }

  private dropUpstream(): void {
    const up = this.upstream;
    this.upstream = undefined;
    this.toUpstream.cancel();
    up?.destroy();
  }

  private writeToUpstream(chunk: Buffer): void {
    const up = this.upstream;
    if (!up || up.destroyed) return;
    this.state.stats.bytesToUpstream += chunk.length;
    if (!up.write(chunk)) pauseUntilDrain(this.client, up);
  }

  private writeToClient(chunk: Buffer): void {
    if (this.mode === 'closed' || this.client.destroyed) return;
    const fault = this.state.exclusive;
    if (fault?.kind === 'reset-after-bytes') {
      if (this.budgetFault !== fault) {
        this.budgetFault = fault;
        this.budget = fault.bytes;
      }
      if (chunk.length >= this.budget) return this.truncateAndReset(chunk.subarray(0, this.budget));
      this.budget -= chunk.length;
    }
    this.state.stats.bytesToClient += chunk.length;
    const up = this.upstream;
    if (!this.client.write(chunk) && up) pauseUntilDrain(up, this.client);
  }

  private truncateAndReset(head: Buffer): void {
    this.mode = 'closed';
    this.toClient.cancel(); // a queued upstream end must not half-close before the reset
    this.dropUpstream();
    if (head.length === 0) return this.reset();
    this.state.stats.bytesToClient += head.length;
    this.client.write(head, () => this.reset());
  }

  private reset(): void {
    this.mode = 'closed';
    this.state.stats.connectionsReset += 1;
    this.toClient.cancel();
    this.dropUpstream();
    if (this.client.destroyed) return;
    // Node cannot RST a socket whose FIN is already queued: resetAndDestroy() then
    // fails, never closes the handle and hangs process exit. A plain close it is.
    if (this.client.writableEnded) this.client.destroy();
    else this.client.resetAndDestroy();
  }

  private blackhole(): void {
    this.mode = 'blackhole';
    this.state.stats.connectionsBlackholed += 1;
    this.toClient.cancel();
    this.dropUpstream();
  }
}

/** Backpressure: stop reading `source` until `sink` has flushed. */
function pauseUntilDrain(source: Socket, sink: Socket): void {
  if (source.isPaused()) return;
  source.pause();
  sink.once('drain', () => source.resume());
}
