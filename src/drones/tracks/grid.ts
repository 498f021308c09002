/**
 * A uniform latitude/longitude grid over live tracks, so that gating a detection looks at the few
 * tracks in the cells around it instead of all of them: with thousands of live tracks and a
 * thousand detections a second, a scan of every track per detection would not keep up.
 */

const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;
// Above this latitude a ring of cells would be a few metres wide and a search would visit
// thousands of them; no border drone flies there, so the search stops widening.
const MIN_COS = Math.cos((85 * Math.PI) / 180);

export class SpatialGrid<T> {
  private readonly cells = new Map<number, Set<T>>();
  private readonly cols: number;
  private readonly rows: number;

  constructor(readonly cellDeg = 0.01) {
    if (!(cellDeg > 0 && cellDeg <= 10)) throw new RangeError(`cell size ${cellDeg}° is out of range`);
    this.cols = Math.ceil(360 / cellDeg);
    this.rows = Math.ceil(180 / cellDeg) + 1;
  }

  private row(lat: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((lat + 90) / this.cellDeg)));
  }

  private col(lon: number): number {
    const j = Math.floor((lon + 180) / this.cellDeg);
    return ((j % this.cols) + this.cols) % this.cols; // +180° falls in the column of −180°
  }

  keyOf(lat: number, lon: number): number {
    return this.row(lat) * this.cols + this.col(lon);
  }

  add(key: number, item: T): void {
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = new Set()));
    cell.add(item);
  }

  remove(key: number, item: T): void {
    const cell = this.cells.get(key);
    if (!cell) return;
    cell.delete(item);
    if (cell.size === 0) this.cells.delete(key);
  }

  /** Every item in the cells that may hold a point within `radiusM` of (lat, lon). */
  forEachNear(lat: number, lon: number, radiusM: number, visit: (item: T) => void): void {
    const cellM = this.cellDeg * M_PER_DEG;
    const rowRings = Math.ceil(radiusM / cellM);
    const colRings = Math.min(Math.ceil(radiusM / (cellM * Math.max(MIN_COS, Math.cos((lat * Math.PI) / 180)))), Math.floor(this.cols / 2));
    const r0 = this.row(lat),
      c0 = this.col(lon);
    for (let r = Math.max(0, r0 - rowRings); r <= Math.min(this.rows - 1, r0 + rowRings); r++) {
      for (let dc = -colRings; dc <= colRings; dc++) {
        const c = (((c0 + dc) % this.cols) + this.cols) % this.cols;
        const cell = this.cells.get(r * this.cols + c);
        if (cell) for (const item of cell) visit(item);
      }
    }
  }
}
