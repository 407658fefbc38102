type AbortListener = (event: { type: 'abort' }) => void;

/**
 * The abort signal of one attempt: just what axios's adapters and undici read
 * (`aborted`, `reason`, `addEventListener`, `removeEventListener`). Every call needs
 * one, and a full `AbortController` with its listener costs several microseconds per
 * call on a small VM; this costs a fraction of that, which is the client's overhead
 * budget. It is never handed to code outside the client.
 */
export class AttemptSignal {
  aborted = false;
  reason: unknown = undefined;
  private listeners: AbortListener[] = [];

  addEventListener(type: string, listener: AbortListener): void {
    if (type === 'abort') this.listeners.push(listener);
  }

  removeEventListener(type: string, listener: AbortListener): void {
    if (type !== 'abort') return;
    const index = this.listeners.indexOf(listener);
    if (index >= 0) this.listeners.splice(index, 1);
  }

  /** Aborts once: listeners run in registration order, each at most once. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener.call(this, { type: 'abort' });
  }
}
