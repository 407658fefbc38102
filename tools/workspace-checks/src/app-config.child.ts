/**
 * Run by compose-config.test.ts in its own process (tsx): reads `[{ root, env }]` on
 * stdin, parses each env with that app's own `configSchema` (src/config.ts), and prints
 * `[{ root, problems }]`. A child process, because the workspace checks may not import
 * apps (lint), and because it must judge the config exactly as the app would at start.
 */
import path from 'node:path';
import { parseConfig } from '@strata/service-kit';
import type { z } from 'zod';

interface Job {
  root: string;
  env: Record<string, string>;
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const jobs = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Job[];
  const results = [];
  for (const job of jobs) {
    const module = (await import(path.resolve(job.root, 'src/config.ts'))) as { configSchema?: z.ZodType };
    if (!module.configSchema) {
      results.push({ root: job.root, problems: ['src/config.ts exports no configSchema'] });
      continue;
    }
    const result = parseConfig(module.configSchema, job.env);
    results.push({ root: job.root, problems: result.ok ? [] : result.problems });
  }
  process.stdout.write(JSON.stringify(results));
}

void main();
