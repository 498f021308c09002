/**
 * When to try the live stream again after it drops: soon at first (a node restart takes seconds),
 * then less and less often, never more than half a minute apart, with some spread so that a wall of
 * consoles does not reconnect in step after the node comes back.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt));
  const spread = 0.8 + 0.4 * random();
  return Math.round(Math.min(30_000, base * spread));
}
