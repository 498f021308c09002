/**
 * Which track is under the pointer: the screen positions the last frame drew, bucketed in a
 * uniform grid so that a hover looks at the few symbols near the pointer instead of all 2,000.
 * Rebuilt with every frame (the frame computes the positions anyway), read between frames.
 */

export class HitGrid {
  private readonly cell: number;
  private readonly cells = new Map<number, number[]>();
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];
  private readonly ids: string[] = [];

  constructor(cellPx = 32) {
    this.cell = cellPx;
  }

  get size(): number {
    return this.ids.length;
  }

  clear(): void {
    this.cells.clear();
    this.xs.length = 0;
    this.ys.length = 0;
    this.ids.length = 0;
  }

  private key(cx: number, cy: number): number {
    // Screen cells fit easily in 2^20 each way; negative cells (symbols just off screen) are shifted in.
    return (cx + 4096) * 1_048_576 + (cy + 4096);
  }

  insert(id: string, x: number, y: number): void {
    const i = this.ids.length;
    this.ids.push(id);
    this.xs.push(x);
    this.ys.push(y);
    const k = this.key(Math.floor(x / this.cell), Math.floor(y / this.cell));
    const bucket = this.cells.get(k);
    if (bucket) bucket.push(i);
    else this.cells.set(k, [i]);
  }

  /** The id drawn nearest to (x, y) within `radius` pixels; the later-drawn (on top) wins a tie. */
  nearest(x: number, y: number, radius: number): string | null {
    const r2 = radius * radius;
    let best = -1;
    let bestD = Infinity;
    const c0x = Math.floor((x - radius) / this.cell),
      c1x = Math.floor((x + radius) / this.cell);
    const c0y = Math.floor((y - radius) / this.cell),
      c1y = Math.floor((y + radius) / this.cell);
    for (let cx = c0x; cx <= c1x; cx++) {
      for (let cy = c0y; cy <= c1y; cy++) {
        const bucket = this.cells.get(this.key(cx, cy));
        if (!bucket) continue;
        for (const i of bucket) {
          const dx = this.xs[i]! - x,
            dy = this.ys[i]! - y;
          const d = dx * dx + dy * dy;
          if (d <= r2 && (d < bestD || (d === bestD && i > best))) {
            best = i;
            bestD = d;
          }
        }
      }
    }
    return best < 0 ? null : this.ids[best]!;
  }

  /** Every id drawn within the rectangle, in drawing order (a box selection, a test's question). */
  within(x0: number, y0: number, x1: number, y1: number): string[] {
    const out: number[] = [];
    for (let cx = Math.floor(x0 / this.cell); cx <= Math.floor(x1 / this.cell); cx++) {
      for (let cy = Math.floor(y0 / this.cell); cy <= Math.floor(y1 / this.cell); cy++) {
        for (const i of this.cells.get(this.key(cx, cy)) ?? []) {
          if (this.xs[i]! >= x0 && this.xs[i]! <= x1 && this.ys[i]! >= y0 && this.ys[i]! <= y1) out.push(i);
        }
      }
    }
    return out.sort((a, b) => a - b).map((i) => this.ids[i]!);
  }
}
