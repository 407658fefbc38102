/**
 * Whether the app is taking traffic. Shutdown flips it first, so readiness answers 503
 * and load balancers stop sending requests before the listener closes.
 */
export interface Lifecycle {
  isDraining(): boolean;
  startDraining(): void;
}

export function createLifecycle(): Lifecycle {
  let draining = false;
  return {
    isDraining: () => draining,
    startDraining: () => {
      draining = true;
    },
  };
}
