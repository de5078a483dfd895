import { describe, expect, it } from 'vitest';
import { computeStats } from '../../src/stats/compute.js';
import { synthCollection } from './synth.js';

describe('scale', () => {
  it('computes stats over 1M log entries in well under 5 s', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    const { cards, log } = synthCollection(now, 1_000_000, 20_000);
    const start = performance.now();
    const cpu = process.cpuUsage();
    const report = computeStats({ entries: log, cards, now, dayStartsAt: 4, exam: '2026-06-01' });
    const ms = performance.now() - start;
    const cpuMs = process.cpuUsage(cpu).user / 1000;
    console.log(
      `computeStats: ${log.length} entries, ${cards.length} cards in ${ms.toFixed(0)} ms (${cpuMs.toFixed(0)} ms CPU)`,
    );
    expect(report.totalReviews).toBe(998_000);
    expect(ms).toBeLessThan(5000);
  }, 60_000);
});
