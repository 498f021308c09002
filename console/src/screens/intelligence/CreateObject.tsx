import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { navigate } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { InlineError } from '../../components/States.js';
import {
  CREATE_TYPES,
  createBody,
  createProblems,
  EMPTY_DRAFT,
  type CreateDraft,
  type CreateProblem,
  type CreateType,
} from '../../lib/create.js';
import { objectHref } from '../../lib/routes.js';
import { TLP_LEVELS } from '../../lib/stix.js';
import { INFORMATION_CREDIBILITY, SOURCE_RELIABILITY, type TlpLevel } from '../../lib/types.js';

/** A new object of this node, marked and graded by the analyst, signed by the node. */
export function CreateObject({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { notify } = useSession();
  const id = useId();
  const [draft, setDraft] = useState<CreateDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<CreateProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (patch: Partial<CreateDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = createProblems(draft);
    setProblems(found);
    if (found.length > 0 || busy) return;
    setBusy(true);
    setError(null);
    api.post<{ id: string }>('/console/api/objects', createBody(draft, new Date())).then(
      (r) => {
        notify(t('create.created', { name: draft.name.trim() }));
        navigate(objectHref(r.id));
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  const problem = (p: CreateProblem) => (problems.includes(p) ? <p className="field-error">{t(`create.problem.${p}`)}</p> : null);

  return (
    <section className="panel create-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('create.title')}</h2>
      <p className="muted">{t('create.intro')}</p>
      <form onSubmit={submit} noValidate className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('create.type')}</label>
          <select
            id={`${id}-type`}
            data-testid="create-type"
            value={draft.type}
            onChange={(e) => set({ type: e.target.value as CreateType })}
          >
            {CREATE_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`stixType.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-marking`}>{t('create.marking')}</label>
          <select
            id={`${id}-marking`}
            data-testid="create-marking"
            value={draft.marking}
            onChange={(e) => set({ marking: e.target.value as TlpLevel })}
            aria-describedby={`${id}-marking-hint`}
          >
            {TLP_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`tlp.label.${l}`)}
              </option>
            ))}
          </select>
          <p className="field-hint" id={`${id}-marking-hint`}>
            {t(`tlp.meaning.${draft.marking}`)}
          </p>
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-name`}>{t('create.name')}</label>
          <input
            id={`${id}-name`}
            data-testid="create-name"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            aria-invalid={problems.includes('name-required')}
            maxLength={500}
          />
          {problem('name-required')}
        </div>
        {draft.type === 'indicator' && (
          <div className="field field-wide">
            <label htmlFor={`${id}-pattern`}>{t('create.pattern')}</label>
            <input
              id={`${id}-pattern`}
              data-testid="create-pattern"
              className="mono"
              value={draft.pattern}
              spellCheck={false}
              onChange={(e) => set({ pattern: e.target.value })}
              aria-invalid={problems.includes('pattern-required') || problems.includes('pattern-brackets')}
              aria-describedby={`${id}-pattern-hint`}
            />
            <p className="field-hint" id={`${id}-pattern-hint`}>
              {t('create.patternHint')}
            </p>
            {problem('pattern-required')}
            {problem('pattern-brackets')}
          </div>
        )}
        {draft.type === 'malware' && (
          <div className="field field-wide">
            <label className="check">
              <input type="checkbox" checked={draft.isFamily} onChange={(e) => set({ isFamily: e.target.checked })} />
              {t('create.isFamily')}
            </label>
          </div>
        )}
        <div className="field field-wide">
          <label htmlFor={`${id}-description`}>{t('create.description')}</label>
          <textarea id={`${id}-description`} rows={3} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-grading`}>{t('create.grading')}</label>
          <select id={`${id}-grading`} value={draft.grading} onChange={(e) => set({ grading: e.target.value })}>
            <option value="">{t('create.noGrading')}</option>
            {SOURCE_RELIABILITY.map((r) =>
              INFORMATION_CREDIBILITY.map((c) => (
                <option key={`${r}${c}`} value={`${r}${c}`}>
                  {t('create.gradingOption', {
                    code: `${r}${c}`,
                    reliability: t(`grading.reliability.${r}`),
                    credibility: t(`grading.credibility.${c}`),
                  })}
                </option>
              )),
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-labels`}>{t('create.labels')}</label>
          <input
            id={`${id}-labels`}
            value={draft.labels}
            onChange={(e) => set({ labels: e.target.value })}
            aria-describedby={`${id}-labels-hint`}
          />
          <p className="field-hint" id={`${id}-labels-hint`}>
            {t('filters.labelsHint')}
          </p>
        </div>
        {error !== null && (
          <div className="field-wide">
            <InlineError error={error} />
          </div>
        )}
        <div className="form-actions field-wide">
          <button type="submit" className="button button-primary" data-testid="create-submit" disabled={busy} aria-busy={busy}>
            {busy ? t('create.submitting') : t('create.submit')}
          </button>
          <button type="button" className="button button-quiet" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
