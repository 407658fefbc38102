import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, flushLogger } from './logger';
import type { LogWrites } from './line-writer.transport';

/** A destination that records each write call, so tests can count system calls' worth of writes. */
function recordingLogger(writes: LogWrites) {
  const calls: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      calls.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ service: 'writes-test', stream, writes });
  const messages = (call: string | undefined) => (call ?? '').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { message: string }).message);
  return { logger, calls, messages };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('when log lines are written', () => {
  it('collects the lines of one event-loop turn into one write, in order, with per-turn', async () => {
    const { logger, calls, messages } = recordingLogger('per-turn');
    logger.info('one');
    logger.info('two');
    logger.info('three');
    expect(calls).toHaveLength(0);
    await nextTurn();
    expect(calls).toHaveLength(1);
    expect(messages(calls[0])).toEqual(['one', 'two', 'three']);
  });

  it('never holds a warning or an error: it is written at once, after the lines waiting before it', () => {
    const { logger, calls, messages } = recordingLogger('per-turn');
    logger.info('request completed');
    logger.error('upstream failed');
    expect(calls).toHaveLength(1);
    expect(messages(calls[0])).toEqual(['request completed', 'upstream failed']);
    logger.warn('slow');
    expect(calls).toHaveLength(2);
  });

  it('writes every line as it is logged with per-line', () => {
    const { logger, calls } = recordingLogger('per-line');
    logger.info('one');
    logger.info('two');
    expect(calls).toHaveLength(2);
  });

  it('writes what is held when the logger is flushed at shutdown', async () => {
    const { logger, calls, messages } = recordingLogger('per-turn');
    logger.info('stopped');
    await flushLogger(logger);
    expect(messages(calls.join(''))).toEqual(['stopped']);
  });

  it('holds stdout lines per turn by default, and writes them when the process exits in that turn', () => {
    const logger = path.join(__dirname, 'logger.ts');
    const script = `const { createLogger } = require(${JSON.stringify(logger)}); createLogger({ service: 'x' }).info('last words'); process.exit(3);`;
    const child = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(child.status).toBe(3);
    expect(child.stdout).toContain('"message":"last words"');
  });
});
