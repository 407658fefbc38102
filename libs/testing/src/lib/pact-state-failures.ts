/**
 * A provider state's setup or teardown, called with the state's params. What it answers
 * fills the interaction's `fromProviderState` expressions (`{ id }` for `${id}`).
 */
export type ProviderStateFunc = (params?: unknown) => Promise<unknown>;

/** The two shapes pact accepts for one state: a setup function, or `{ setup, teardown }`. */
export type ProviderStateHandler = ProviderStateFunc | { setup?: ProviderStateFunc; teardown?: ProviderStateFunc };

/**
 * Named provider states (pact-js style): each seeds the data one `given(...)` of a
 * consumer test expects, e.g. `{ 'customer 42 exists': async () => { store.put(c42); } }`.
 */
export type ProviderStateHandlers = Record<string, ProviderStateHandler>;

/** One provider state handler that threw: which state, in which phase, with what. */
export interface StateFailure {
  state: string;
  action: 'setup' | 'teardown';
  error: unknown;
}

/**
 * The handlers, each wrapped so that what it throws is kept in `failures` (and still
 * thrown to pact). Pact only logs a failed state and then replays the interaction
 * with the consumer's example values, which can pass on data that happens to be
 * there: without this, a broken state handler would go unnoticed.
 */
export function recordStateFailures(handlers: ProviderStateHandlers): { handlers: ProviderStateHandlers; failures: StateFailure[] } {
  const failures: StateFailure[] = [];
  const guard = (state: string, action: StateFailure['action'], fn: ProviderStateFunc): ProviderStateFunc => async (params) => {
    try {
      return await fn(params);
    } catch (error) {
      failures.push({ state, action, error });
      throw error;
    }
  };
  const wrap = (state: string, handler: ProviderStateHandler): ProviderStateHandler => {
    if (typeof handler === 'function') return guard(state, 'setup', handler);
    return {
      ...(handler.setup ? { setup: guard(state, 'setup', handler.setup) } : {}),
      ...(handler.teardown ? { teardown: guard(state, 'teardown', handler.teardown) } : {}),
    };
  };
  return { handlers: Object.fromEntries(Object.entries(handlers).map(([state, handler]) => [state, wrap(state, handler)])), failures };
}

/** One line per failure, e.g. `provider state "customer 42 exists" (setup) failed: Error: store offline`. */
export function describeStateFailures(failures: readonly StateFailure[]): string {
  return failures
    .map(({ state, action, error }) => `provider state "${state}" (${action}) failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
    .join('\n');
}
