import { useTranslation } from 'react-i18next';
import { CLASSIFICATIONS } from '../../lib/map/style.js';
import { ShapeIcon } from './ShapeIcon.js';

function Glyph({ kind }: { kind: 'pilot' | 'takeoff' | 'incident' | 'port' | 'border' }) {
  return (
    <svg className="drone-shape" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {kind === 'pilot' && (
        <>
          <line x1="1" y1="15" x2="11" y2="5" stroke="#2d2d2d" strokeDasharray="3 2" />
          <circle cx="11" cy="5" r="3.5" fill="#fff" stroke="#2d2d2d" strokeWidth="1.5" />
        </>
      )}
      {kind === 'takeoff' && <path d="M4 4 L12 12 M12 4 L4 12" stroke="#2d2d2d" strokeWidth="2" />}
      {kind === 'incident' && <circle cx="8" cy="8" r="6" fill="none" stroke="#a3001b" strokeWidth="2" />}
      {kind === 'port' && <rect x="4.5" y="4.5" width="7" height="7" fill="#fff" stroke="#0e1a29" strokeWidth="1.5" />}
      {kind === 'border' && <line x1="1" y1="8" x2="15" y2="8" stroke="#1d2733" strokeWidth="3" />}
    </svg>
  );
}

/** What the symbols mean: shape and colour per classification, outline per origin, the other marks. */
export function Legend() {
  const { t } = useTranslation();
  return (
    <details className="panel drone-legend">
      <summary>{t('drones.legend.title')}</summary>
      <ul>
        {CLASSIFICATIONS.map((c) => (
          <li key={c}>
            <ShapeIcon classification={c} />
            {t(`drones.classification.${c}`)}
          </li>
        ))}
        <li>
          <ShapeIcon classification="unknown" />
          {t('drones.legend.own')}
        </li>
        <li>
          <ShapeIcon classification="unknown" partner />
          {t('drones.legend.partner')}
        </li>
        <li>
          <Glyph kind="pilot" />
          {t('drones.legend.pilot')}
        </li>
        <li>
          <Glyph kind="takeoff" />
          {t('drones.legend.takeoff')}
        </li>
        <li>
          <Glyph kind="incident" />
          {t('drones.legend.incident')}
        </li>
        <li>
          <Glyph kind="port" />
          {t('drones.legend.port')}
        </li>
        <li>
          <Glyph kind="border" />
          {t('drones.legend.border')}
        </li>
      </ul>
    </details>
  );
}
