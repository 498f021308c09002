/** Per-format tallies of what ingest accepted and refused, for the operator's health view. */
import type { IngestRejection } from '../model.js';
import type { IngestFormat } from './model.js';

export const ingestFormats: readonly IngestFormat[] = ['cot', 'tak-protobuf', 'remote-id', 'geojson'];

export interface IngestCountersSnapshot {
  /** Detections accepted, per format. */
  accepted: Record<IngestFormat, number>;
  /** Payloads refused, per format and reason. */
  rejected: Record<IngestFormat, Record<string, number>>;
}

export class IngestCounters {
  private readonly accepted = new Map<IngestFormat, number>();
  // A Map, not an object: reason strings then never meet Object.prototype.
  private readonly rejected = new Map<IngestFormat, Map<string, number>>();

  recordAccepted(format: IngestFormat, detections: number): void {
    this.accepted.set(format, (this.accepted.get(format) ?? 0) + detections);
  }

  recordRejected(r: IngestRejection): void {
    let reasons = this.rejected.get(r.format);
    if (reasons === undefined) this.rejected.set(r.format, (reasons = new Map()));
    reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
  }

  snapshot(): IngestCountersSnapshot {
    const accepted = {} as Record<IngestFormat, number>;
    const rejected = {} as Record<IngestFormat, Record<string, number>>;
    for (const format of ingestFormats) {
      accepted[format] = this.accepted.get(format) ?? 0;
      rejected[format] = Object.fromEntries(this.rejected.get(format) ?? []);
    }
    return { accepted, rejected };
  }
}
