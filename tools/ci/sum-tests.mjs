#!/usr/bin/env node
/**
 * Adds up every reports/jest/*.json and prints one closing line, `N passed, N failed`,
 * which is the line CI reads. A suite that crashed before running its tests counts
 * as one failure, so a broken file can never make the total look green.
 *
 * Exits 1 when anything failed or when no test ran at all.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const reportDir = path.resolve(process.argv[2] ?? 'reports/jest');
const files = existsSync(reportDir) ? readdirSync(reportDir).filter((f) => f.endsWith('.json')) : [];
let passed = 0;
let failed = 0;
for (const file of files) {
  const report = JSON.parse(readFileSync(path.join(reportDir, file), 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  failed += report.numRuntimeErrorTestSuites ?? 0;
  if (report.numTotalTests === 0 && report.numTotalTestSuites === 0) failed += 1;
}
const expected = process.env.EXPECTED_TEST_REPORTS?.split(',').filter(Boolean) ?? [];
for (const name of expected) {
  if (!files.includes(`${name}.json`)) {
    console.error(`no test report for ${name}: its suite did not run to the end`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
