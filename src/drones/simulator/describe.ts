/** A driver run's statistics as lines a person reads, in English or Mexican Spanish. */
import { translate, type Lang } from '../../i18n/index.js';
import type { DriverStats } from './driver.js';
import type { SimulatorMessageKey } from './messages.js';

export function describeStats(lang: Lang, stats: DriverStats): string[] {
  const t = (key: SimulatorMessageKey, params: Record<string, string | number>) => translate(lang, 'drones-simulator', key, params);
  const lines = [t('summary.total', { sent: stats.sent, accepted: stats.accepted, rejected: stats.rejected, failed: stats.failed })];
  for (const node of ['mx', 'us'] as const) {
    const n = stats.byNode[node];
    if (n.sent > 0) lines.push(t('summary.node', { node, ...n }));
  }
  for (const [reason, count] of Object.entries(stats.reasons).sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(t('summary.reason', { reason, count }));
  }
  if (stats.skipped > 0) lines.push(t('summary.skipped', { count: stats.skipped }));
  lines.push(t('summary.lag', { ms: Math.round(stats.maxLagMs) }));
  if (stats.lastError) lines.push(t('summary.last-error', { error: stats.lastError }));
  return lines;
}
