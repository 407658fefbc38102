import TransportStream from 'winston-transport';

/**
 * When lines reach the destination. `per-turn` (the default on stdout) collects the lines of one
 * event-loop turn and writes them with one call at its end, so a busy service makes one
 * write per turn instead of one per request (on stdout each is a system call); lines at
 * `warn` and `error` are never held: they are written at once, after what was waiting.
 * `per-line` writes every line as it is logged.
 */
export type LogWrites = 'per-turn' | 'per-line';

/** Where lines go: stdout, or a stream in tests. */
export interface LineDestination {
  write(text: string): unknown;
}

const MESSAGE = Symbol.for('message');
const LEVEL = Symbol.for('level');
const URGENT = new Set(['error', 'warn']);
/** Lines held at most before a write even within one turn, so a burst cannot grow memory. */
const MAX_HELD = 128;

const live = new Set<LineWriterTransport>();
let exitHookInstalled = false;

/** On exit (including after an uncaught exception) write whatever is still held; stdout writes are synchronous there. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const transport of live) transport.flush();
  });
}

/**
 * The logger's one transport: the formatted JSON line, written to `destination` as
 * {@link LogWrites} says. It replaces winston's Console transport, which writes every
 * line with its own call and schedules an event per line that nothing listens to.
 */
export class LineWriterTransport extends TransportStream {
  private held: string[] = [];
  private scheduled = false;

  constructor(
    private readonly destination: LineDestination,
    private readonly writes: LogWrites = 'per-turn',
  ) {
    super();
    installExitHook();
    live.add(this);
  }

  override log(info: Record<string | symbol, unknown>, callback: () => void): void {
    this.held.push(`${String(info[MESSAGE])}\n`);
    if (this.writes === 'per-line' || URGENT.has(String(info[LEVEL])) || this.held.length >= MAX_HELD) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
    callback();
  }

  /** Writes every held line now, in order, with one call. */
  readonly flush = (): void => {
    this.scheduled = false;
    if (this.held.length === 0) return;
    const text = this.held.length === 1 ? (this.held[0] as string) : this.held.join('');
    this.held = [];
    this.destination.write(text);
  };

  override _final(callback: (error?: Error | null) => void): void {
    this.flush();
    live.delete(this);
    callback();
  }
}
