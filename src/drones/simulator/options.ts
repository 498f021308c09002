/** Option checks and format selection shared by the border scenario and the load scenario. */
import { BUILT_IN_ENCODERS, type Encoders } from './payloads.js';
import type { SensorFormat } from './sensors.js';

export function encodersFor(formats: readonly SensorFormat[] | undefined): Encoders {
  if (formats === undefined) return BUILT_IN_ENCODERS;
  const chosen: Partial<Record<SensorFormat, Encoders[SensorFormat]>> = {};
  // CoT XML and Remote ID are always kept: they are what the others fall back to.
  for (const f of new Set<SensorFormat>([...formats, 'cot-xml', 'remote-id'])) chosen[f] = BUILT_IN_ENCODERS[f];
  return chosen;
}

export function checkWindow(start: number, durationS: number): void {
  if (!Number.isFinite(start) || !Number.isFinite(durationS) || durationS <= 0) {
    throw new RangeError(`a scenario needs a finite start and a positive duration (got ${start}, ${durationS})`);
  }
}
