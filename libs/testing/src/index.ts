export * from './lib/app-process';
export * from './lib/fault-proxy';
export * from './lib/fault-proxy.types';
export * from './lib/listen-on-free-port';
export * from './lib/pact';
export * from './lib/workspace-root';
export * from './lib/landscape/landscape';
export * from './lib/landscape/backend-writers';
