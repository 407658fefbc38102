import type { WatchedApp } from './watched-app.schema';

const local = (port: number) => `http://127.0.0.1:${port}`;
const SYSTEMS = ['salesforce', 'core-banking', 'card-platform', 'loan-mainframe'] as const;

/**
 * The local landscape as `npm start` runs it, ports from the architecture's table.
 * Data, not code: PORTAL_APPS replaces it for any other landscape, and
 * PORTAL_URL_<NAME> moves one app (compose, a remote host).
 */
export const DEFAULT_APPS: WatchedApp[] = [
  { name: 'experience-mobile', layer: 'experience', url: local(8081), calls: ['process-customer-sync', 'emulators-identity'], syncStatus: false },
  { name: 'experience-advisor', layer: 'experience', url: local(8082), calls: ['process-customer-sync', 'emulators-identity'], syncStatus: false },
  { name: 'process-customer-sync', layer: 'process', url: local(8181), calls: SYSTEMS.map((s) => `system-${s}`), syncStatus: true },
  ...SYSTEMS.map((system, i) => ({ name: `system-${system}`, layer: 'system' as const, url: local(8281 + i), calls: [`emulators-${system}`], syncStatus: false })),
  ...SYSTEMS.map((system, i) => ({ name: `emulators-${system}`, layer: 'emulator' as const, url: local(8381 + i), calls: [], syncStatus: false })),
  { name: 'emulators-identity', layer: 'emulator', url: local(8385), calls: [], syncStatus: false },
];
