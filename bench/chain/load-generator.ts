/**
 * The parent's handle on the autocannon process: sends it one {@link LoadJob} at a
 * time and resolves with its {@link LoadResult}.
 */
import { startBenchChild } from '../bench-child';
import type { LoadJob, LoadResult } from './autocannon.runner';

/** Runs loads in the load generator's process, one at a time. */
export interface LoadGenerator {
  run(job: Omit<LoadJob, 'id'>): Promise<LoadResult>;
  stop(): Promise<void>;
}

type Answer = { id: number; result?: LoadResult; error?: string };

/** Starts the autocannon process. */
export async function startLoadGenerator(): Promise<LoadGenerator> {
  const runner = await startBenchChild('chain/autocannon.runner.ts');
  const pending = new Map<number, (answer: Answer) => void>();
  let nextId = 0;
  runner.child.on('message', (answer: Answer) => pending.get(answer.id)?.(answer));
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, (answer) => {
          pending.delete(id);
          if (answer.result) resolve(answer.result);
          else reject(new Error(`load run failed: ${answer.error}`));
        });
        runner.child.send({ ...job, id });
      }),
    stop: runner.stop,
  };
}
