import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/hooks.js';
import { Link } from '../../app/router.js';
import { StatusBadge } from '../../components/Badges.js';
import { reasonLanguage } from '../../lib/locale.js';
import { hrefOf } from '../../lib/routes.js';
import { decisionTone } from '../../lib/stix.js';
import type { ReleaseSummary } from '../../lib/types.js';

/** For our own objects: what each partner receives of the newest version, and why. */
export function PartnerView({ objectId, release }: { objectId: string; release: ReleaseSummary[] }) {
  const { t } = useTranslation();
  const lang = reasonLanguage(useLocale());
  if (release.length === 0) return <p className="muted">{t('object.partnerViewNoPeers')}</p>;
  return (
    <ul className="plain-list partner-view">
      {release.map((r) => (
        <li key={r.peer} className={`release-mini release-${r.decision}`}>
          <p>
            <strong>{r.peer}</strong>{' '}
            <StatusBadge tone={decisionTone(r.decision)}>{t(`release.decision.${r.decision}`, { peer: r.peer })}</StatusBadge>
          </p>
          {r.withheld_properties && r.withheld_properties.length > 0 && (
            <p className="small">
              {t('release.withoutProperties')}{' '}
              {r.withheld_properties.map((w) => (
                <code key={w} className="prop-key">{`${w} `}</code>
              ))}
            </p>
          )}
          <ol className="reasons">
            {r.reasons.map((reason, i) => (
              <li key={`${reason.rule}-${i}`} className={`reason reason-${reason.effect}`}>
                {reason.text[lang]}
              </li>
            ))}
          </ol>
          <Link to={hrefOf({ name: 'release', peer: r.peer, id: objectId })} className="small">
            {t('object.partnerViewCompare', { peer: r.peer })}
          </Link>
        </li>
      ))}
    </ul>
  );
}
