/** What the benchmarks measure with: percentiles, a process's memory, whether PostgreSQL answers. */
import { readFileSync } from 'node:fs';
import pg from 'pg';

/** The p-th percentile of ascending values (nearest rank); `empty` when there are none. */
export function percentile(sorted: readonly number[], p: number, empty = 0): number {
  if (sorted.length === 0) return empty;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? empty;
}

/** Resident memory of a process now and at its peak, bytes (Linux /proc). */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

export async function pgAvailable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}
