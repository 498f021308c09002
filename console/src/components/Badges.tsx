import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../app/hooks.js';
import { SessionContext } from '../app/session.js';
import { countryName } from '../lib/format.js';
import { gradingTone, parseGrading } from '../lib/stix.js';
import type { Originator, TlpLevel } from '../lib/types.js';

/**
 * A TLP label as FIRST's TLP 2.0 standard prints it: the label's own colour on black. The label
 * stays "TLP:AMBER" in both languages (FIRST's translations keep it); the meaning is translated.
 */
export function TlpBadge({ level }: { level: TlpLevel | null }) {
  const { t } = useTranslation();
  const key = level ?? 'none';
  return (
    <span className={`tlp tlp-${key.replace('+', '-')}`} title={t(`tlp.meaning.${key}`)}>
      {t(`tlp.label.${key}`)}
      <span className="visually-hidden">{`: ${t(`tlp.meaning.${key}`)}`}</span>
    </span>
  );
}

/** The originator's 4x4 grading ("B2"), its meaning spelled out for the reader. */
export function GradingBadge({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const g = parseGrading(code);
  if (!g) return <span className="grading grading-none">{t('grading.none')}</span>;
  const meaning = t('grading.meaning', {
    reliability: t(`grading.reliability.${g.reliability}`),
    credibility: t(`grading.credibility.${g.credibility}`),
  });
  return (
    <span className={`grading grading-${gradingTone(code)}`} title={meaning}>
      {`${g.reliability}${g.credibility}`}
      <span className="visually-hidden">{`: ${meaning}`}</span>
    </span>
  );
}

/** A country's ISO code in a box, its name in the reader's language for those who hover or listen. */
export function CountryCode({ code }: { code: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (code === null)
    return (
      <abbr className="cc cc-unknown" title={t('origin.unknownCountry')} aria-label={t('origin.unknownCountry')}>
        {t('origin.unknownCode')}
      </abbr>
    );
  const name = countryName(code, locale);
  return (
    <abbr className="cc" title={name} aria-label={name}>
      {code.toUpperCase()}
    </abbr>
  );
}

/**
 * Where an object comes from: the country and the node, and whether that node is this one. The
 * node goes by its short name (as pinned here); its organisation is in the tooltip.
 */
export function OriginChip({ originator }: { originator: Originator }) {
  const { t } = useTranslation();
  const session = useContext(SessionContext);
  const short = originator.peer ?? (originator.self ? session?.node?.name : undefined) ?? originator.name;
  return (
    <span className={`origin ${originator.self ? 'origin-self' : 'origin-partner'}`} title={originator.name}>
      <CountryCode code={originator.country} />
      <span className="origin-name">{short}</span>
      {originator.self && <span className="origin-ours">{t('origin.ours')}</span>}
    </span>
  );
}

export type Tone = 'ok' | 'warn' | 'bad' | 'idle' | 'info';

export function StatusBadge({ tone, children }: { tone: Tone; children: string }) {
  return <span className={`status status-${tone}`}>{children}</span>;
}

/** A STIX type in the reader's words ("Indicador"); an unknown type shows as STIX names it. */
export function TypeLabel({ type }: { type: string }) {
  const { t } = useTranslation();
  return <span className="type-label">{t(`stixType.${type}`, { defaultValue: type })}</span>;
}
