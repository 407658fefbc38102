import { AttemptSignal } from './attempt-signal';

describe('AttemptSignal', () => {
  it('calls each listener still registered once, with the reason readable, and ignores a second abort', () => {
    const signal = new AttemptSignal();
    const calls: string[] = [];
    const kept = () => calls.push(`kept:${String(signal.reason)}`);
    const removed = () => calls.push('removed');
    signal.addEventListener('abort', kept);
    signal.addEventListener('abort', removed);
    signal.removeEventListener('abort', removed);
    signal.abort('deadline');
    signal.abort('again');
    expect(signal.aborted).toBe(true);
    expect(calls).toEqual(['kept:deadline']);
  });
});
