/**
 * Seeded randomness for the simulator. Two kinds: a sequential generator for building flight plans
 * (order of draws is fixed, so a seed always gives the same plans), and a stateless hash for sensor
 * noise, so that the noise of one observation does not depend on which time window was asked for
 * first: `reportsBetween(s, a, b)` and two calls splitting [a, b) give identical bytes.
 */

/** 32-bit mix (the finaliser of MurmurHash3): every input bit affects every output bit. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a of a string: stable keys for sensors and flights, independent of their order in lists. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Uniform in [0, 1) from any list of integers. */
export function hashUnit(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    // Integers beyond 32 bits (times in ms) contribute both halves.
    h = mix32(h ^ (part >>> 0));
    h = mix32(h ^ (Math.floor(part / 0x1_0000_0000) >>> 0));
  }
  return h / 0x1_0000_0000;
}

/** Standard normal from a hash (Box–Muller); `parts` must identify the draw uniquely. */
export function hashGaussian(...parts: number[]): number {
  const u1 = hashUnit(...parts, 1);
  const u2 = hashUnit(...parts, 2);
  // 1 − u1 is in (0, 1], so the logarithm is finite.
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/** Sequential generator (sfc32): small, fast, and good enough for synthetic flights. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed ^ 0x243f6a88);
    this.b = mix32(seed ^ 0x85a308d3);
    this.c = mix32(seed ^ 0x13198a2e);
    this.d = 1;
    // The first outputs of sfc32 are poorly mixed; discard them.
    for (let i = 0; i < 12; i += 1) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 0x1_0000_0000;
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A child generator: lets one flight's retries not shift every later flight's draws. */
  fork(salt: number): Rng {
    return new Rng(mix32(Math.floor(this.next() * 0x1_0000_0000) ^ mix32(salt)));
  }
}
