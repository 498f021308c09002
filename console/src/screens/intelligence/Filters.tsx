import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/hooks.js';
import { countryName } from '../../lib/format.js';
import {
  activeFilterCount,
  MARKING_FILTERS,
  parseLabels,
  REVOKED_FILTERS,
  toggled,
  TYPE_FILTERS,
  type MarkingFilter,
  type ObjectFilters,
  type RevokedFilter,
} from '../../lib/filters.js';
import { INFORMATION_CREDIBILITY, SOURCE_RELIABILITY } from '../../lib/types.js';

interface Props {
  filters: ObjectFilters;
  onChange: (f: ObjectFilters) => void;
  peers: string[];
  countries: string[];
}

/** The 4x4 grading grid: each cell a toggle, so "A1 or B2" is two presses. */
function GradingGrid({ selected, onToggle }: { selected: string[]; onToggle: (g: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="grading-grid" role="group" aria-label={t('filters.grading')}>
      <span aria-hidden="true" />
      {INFORMATION_CREDIBILITY.map((c) => (
        <span key={c} className="grid-head" title={t(`grading.credibility.${c}`)} aria-hidden="true">
          {c}
        </span>
      ))}
      {SOURCE_RELIABILITY.map((r) => (
        <div key={r} className="grid-row" role="presentation">
          <span className="grid-head" title={t(`grading.reliability.${r}`)} aria-hidden="true">
            {r}
          </span>
          {INFORMATION_CREDIBILITY.map((c) => {
            const code = `${r}${c}`;
            return (
              <button
                key={code}
                type="button"
                className="grid-cell"
                aria-pressed={selected.includes(code)}
                title={t('grading.meaning', { reliability: t(`grading.reliability.${r}`), credibility: t(`grading.credibility.${c}`) })}
                onClick={() => onToggle(code)}
              >
                {code}
              </button>
            );
          })}
        </div>
      ))}
      <button
        type="button"
        className="grid-cell grid-wide"
        aria-pressed={selected.includes('ungraded')}
        onClick={() => onToggle('ungraded')}
      >
        {t('filters.ungraded')}
      </button>
    </div>
  );
}

export function Filters({ filters, onChange, peers, countries }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [labels, setLabels] = useState(filters.labels.join(', '));
  const set = (patch: Partial<ObjectFilters>) => onChange({ ...filters, ...patch });
  const count = activeFilterCount(filters);

  useEffect(() => setLabels(filters.labels.join(', ')), [filters.labels]);

  return (
    <aside className="filters" aria-labelledby={`${id}-title`}>
      <div className="filters-head">
        <h2 id={`${id}-title`}>{t('filters.title')}</h2>
        {count > 0 && (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() =>
              onChange({ ...filters, types: [], origin: '', marking: '', grading: [], labels: [], since: '', revoked: 'exclude' })
            }
          >
            {t('filters.clear', { count })}
          </button>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${id}-origin`}>{t('filters.origin')}</label>
        <select id={`${id}-origin`} value={filters.origin} onChange={(e) => set({ origin: e.target.value })}>
          <option value="">{t('filters.anyOrigin')}</option>
          <option value="self">{t('filters.thisNode')}</option>
          {peers.length > 0 && (
            <optgroup label={t('filters.peers')}>
              {peers.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </optgroup>
          )}
          {countries.length > 0 && (
            <optgroup label={t('filters.countries')}>
              {countries.map((c) => (
                <option key={c} value={c}>{`${c} · ${countryName(c, locale)}`}</option>
              ))}
            </optgroup>
          )}
        </select>
      </div>

      <div className="field">
        <label htmlFor={`${id}-marking`}>{t('filters.marking')}</label>
        <select id={`${id}-marking`} value={filters.marking} onChange={(e) => set({ marking: e.target.value as MarkingFilter | '' })}>
          <option value="">{t('filters.anyMarking')}</option>
          {MARKING_FILTERS.map((m) => (
            <option key={m} value={m}>
              {t(`tlp.label.${m}`)}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="field">
        <legend>{t('filters.grading')}</legend>
        <GradingGrid selected={filters.grading} onToggle={(g) => set({ grading: toggled(filters.grading, g) })} />
      </fieldset>

      <fieldset className="field">
        <legend>{t('filters.type')}</legend>
        <ul className="checklist">
          {TYPE_FILTERS.map((type) => (
            <li key={type}>
              <label>
                <input
                  type="checkbox"
                  checked={filters.types.includes(type)}
                  onChange={() => set({ types: toggled(filters.types, type) })}
                />
                {t(`stixType.${type}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-labels`}>{t('filters.labels')}</label>
        <input
          id={`${id}-labels`}
          value={labels}
          onChange={(e) => setLabels(e.target.value)}
          onBlur={() => set({ labels: parseLabels(labels) })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ labels: parseLabels(labels) });
          }}
          aria-describedby={`${id}-labels-hint`}
        />
        <p className="field-hint" id={`${id}-labels-hint`}>
          {t('filters.labelsHint')}
        </p>
      </div>

      <div className="field">
        <label htmlFor={`${id}-since`}>{t('filters.since')}</label>
        <input id={`${id}-since`} type="date" value={filters.since} onChange={(e) => set({ since: e.target.value })} />
      </div>

      <div className="field">
        <label htmlFor={`${id}-revoked`}>{t('filters.revoked')}</label>
        <select id={`${id}-revoked`} value={filters.revoked} onChange={(e) => set({ revoked: e.target.value as RevokedFilter })}>
          {REVOKED_FILTERS.map((r) => (
            <option key={r} value={r}>
              {t(`filters.revokedOption.${r}`)}
            </option>
          ))}
        </select>
      </div>
    </aside>
  );
}
