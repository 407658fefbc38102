import { PassThrough } from 'node:stream';
import { createLogger } from '@strata/logging';

/** A real logger whose JSON lines are collected for assertions. */
export function captureLogger(service = 'widgets') {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  return { logger: createLogger({ service, stream, level: 'debug', personalDataFields: ['name'] }), lines };
}
