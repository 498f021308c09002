/**
 * Where the map's names go: each label to the right of its point, or to the left when that
 * collides, or not at all. Greedy in priority order, which is what a reader expects: the port
 * or city that matters most keeps its name when two crowd each other.
 */

export interface LabelCandidate {
  text: string;
  x: number;
  y: number;
  /** Text width in pixels (the caller measures with the font it will draw in). */
  width: number;
  height: number;
  /** Higher first. */
  priority: number;
}

export interface PlacedLabel {
  text: string;
  /** Left end of the text's baseline-middle. */
  x: number;
  y: number;
  align: 'left' | 'right';
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0;

export function placeLabels(
  candidates: readonly LabelCandidate[],
  view: { width: number; height: number },
  gap = 6,
  taken: Box[] = [],
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const boxes = [...taken];
  const order = [...candidates].sort((a, b) => b.priority - a.priority);
  for (const c of order) {
    const half = c.height / 2;
    const options: Array<{ box: Box; label: PlacedLabel }> = [
      {
        box: { x0: c.x + gap, y0: c.y - half, x1: c.x + gap + c.width, y1: c.y + half },
        label: { text: c.text, x: c.x + gap, y: c.y, align: 'left' },
      },
      {
        box: { x0: c.x - gap - c.width, y0: c.y - half, x1: c.x - gap, y1: c.y + half },
        label: { text: c.text, x: c.x - gap, y: c.y, align: 'right' },
      },
    ];
    for (const o of options) {
      const onScreen = o.box.x0 >= 0 && o.box.x1 <= view.width && o.box.y0 >= 0 && o.box.y1 <= view.height;
      if (!onScreen || boxes.some((b) => overlaps(b, o.box))) continue;
      boxes.push(o.box);
      placed.push(o.label);
      break;
    }
  }
  return placed;
}
