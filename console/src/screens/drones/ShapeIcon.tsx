import { CLASS_STYLES } from '../../lib/map/style.js';
import type { Classification } from '../../lib/types.js';

const POINTS: Record<string, string> = {
  diamond: '8,1 15,8 8,15 1,8',
  triangle: '8,1.5 15,14 1,14',
  square: '2.5,2.5 13.5,2.5 13.5,13.5 2.5,13.5',
};

/** The map's symbol for a classification, beside its name in lists and the legend (decorative). */
export function ShapeIcon({ classification, partner = false }: { classification: Classification; partner?: boolean }) {
  const style = CLASS_STYLES[classification];
  const stroke = { stroke: '#111820', strokeWidth: 1.5, strokeDasharray: partner ? '2.5 2' : undefined, fill: style.colour };
  return (
    <svg className="drone-shape" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {style.shape === 'circle' ? <circle cx="8" cy="8" r="6" {...stroke} /> : <polygon points={POINTS[style.shape]} {...stroke} />}
    </svg>
  );
}
