/**
 * What a Remote ID transmitter said earlier. Basic ID, System and Operator ID messages are
 * broadcast on their own schedule, often in other frames than Location, so a batch holding only
 * a Location must still be tied to the drone's serial number and its pilot. State lives in a
 * bounded LRU with a TTL so that a flood of invented transmitter ids costs bounded memory.
 */
import type { PilotLocation } from '../model.js';
import type { UaType } from '../remote-id/model.js';

export interface TransmitterState {
  serialNumber: string | null;
  registration: string | null;
  uaType: UaType | null;
  /** From the last System message with a known operator position. */
  pilot: PilotLocation | null;
  operatorId: string | null;
  updatedAt: number;
}

export const emptyTransmitterState: Omit<TransmitterState, 'updatedAt'> = {
  serialNumber: null,
  registration: null,
  uaType: null,
  pilot: null,
  operatorId: null,
};

export interface AssemblerOptions {
  maxTransmitters?: number;
  ttlMs?: number;
}

export class RemoteIdAssembler {
  readonly maxTransmitters: number;
  readonly ttlMs: number;
  // Map keeps insertion order: re-inserting on every write makes the first entry the least recent.
  private readonly states = new Map<string, TransmitterState>();

  constructor(opts: AssemblerOptions = {}) {
    this.maxTransmitters = opts.maxTransmitters ?? 10_000;
    this.ttlMs = opts.ttlMs ?? 10 * 60_000;
  }

  get size(): number {
    return this.states.size;
  }

  /** The transmitter's state if heard within the TTL; expired state is dropped, not returned. */
  get(transmitter: string, now: number): TransmitterState | null {
    const state = this.states.get(transmitter);
    if (state === undefined) return null;
    if (now - state.updatedAt > this.ttlMs) {
      this.states.delete(transmitter);
      return null;
    }
    return state;
  }

  set(transmitter: string, state: TransmitterState): void {
    this.states.delete(transmitter);
    this.states.set(transmitter, state);
    for (const [key, oldest] of this.states) {
      const over = this.states.size > this.maxTransmitters;
      if (!over && state.updatedAt - oldest.updatedAt <= this.ttlMs) break;
      this.states.delete(key);
    }
  }
}
