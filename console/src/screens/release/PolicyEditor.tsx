import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useResource } from '../../app/hooks.js';
import { useSession } from '../../app/session.js';
import { ErrorPanel, InlineError, Loading } from '../../components/States.js';
import { Time } from '../../components/Time.js';
import { draftOf, policyBody, ruleWarnings, sameDraft, setMinGrading, withPeerRules, type PolicyDraft } from '../../lib/policy.js';
import { TLP_LEVELS } from '../../lib/stix.js';
import {
  CEILINGS,
  INFORMATION_CREDIBILITY,
  SOURCE_RELIABILITY,
  type Ceiling,
  type PeerRules,
  type PolicyDocument,
  type SourceReliability,
  type TlpLevel,
} from '../../lib/types.js';

function RulesFields({ rules, onChange, disabled }: { rules: PeerRules; onChange: (r: PeerRules) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const set = (patch: Partial<PeerRules>) => onChange({ ...rules, ...patch });
  const min = rules.min_grading;
  return (
    <div className="rules">
      <label className="check">
        <input type="checkbox" checked={rules.allow_green} disabled={disabled} onChange={(e) => set({ allow_green: e.target.checked })} />
        {t('policy.allowGreen')}
      </label>
      <label className="check">
        <input type="checkbox" checked={rules.allow_amber} disabled={disabled} onChange={(e) => set({ allow_amber: e.target.checked })} />
        {t('policy.allowAmber')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={rules.allow_third_party}
          disabled={disabled}
          onChange={(e) => set({ allow_third_party: e.target.checked })}
        />
        {t('policy.allowThirdParty')}
      </label>
      <div className="field">
        <label htmlFor={`${id}-ceiling`}>{t('policy.ceiling')}</label>
        <select
          id={`${id}-ceiling`}
          value={rules.ceiling}
          disabled={disabled}
          onChange={(e) => set({ ceiling: e.target.value as Ceiling })}
        >
          {CEILINGS.map((c) => (
            <option key={c} value={c}>
              {t(`tlp.label.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-rel`}>{t('policy.minGrading')}</label>
        <div className="inline-fields">
          <select
            id={`${id}-rel`}
            value={min?.source_reliability ?? ''}
            disabled={disabled}
            onChange={(e) => onChange(setMinGrading(rules, e.target.value as SourceReliability | '', min?.information_credibility ?? 4))}
          >
            <option value="">{t('policy.noMinGrading')}</option>
            {SOURCE_RELIABILITY.map((r) => (
              <option key={r} value={r}>{`${r} · ${t(`grading.reliability.${r}`)}`}</option>
            ))}
          </select>
          {min && (
            <select
              aria-label={t('policy.minCredibility')}
              value={min.information_credibility}
              disabled={disabled}
              onChange={(e) => onChange(setMinGrading(rules, min.source_reliability, Number(e.target.value)))}
            >
              {INFORMATION_CREDIBILITY.map((c) => (
                <option key={c} value={c}>{`${c} · ${t(`grading.credibility.${c}`)}`}</option>
              ))}
            </select>
          )}
        </div>
      </div>
      {ruleWarnings(rules).map((w) => (
        <p key={w} className="field-error">
          {t(`policy.warning.${w}`)}
        </p>
      ))}
    </div>
  );
}

/** The release policy: who may receive what. Administrators edit it; others read it. */
export function PolicyEditor({ peers }: { peers: string[] }) {
  const { t } = useTranslation();
  const { can, notify } = useSession();
  const editable = can('policy:write');
  const id = useId();
  const res = useResource<PolicyDocument>('policy', (signal) => api.get('/api/v1/release/policy', undefined, { signal }));
  const history = useResource<{ versions: PolicyDocument[] }>('policy-history', (signal) =>
    api.get('/api/v1/release/policy/history', { limit: 20 }, { signal }),
  );
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (res.data) setDraft(draftOf(res.data.policy));
  }, [res.data]);

  if (res.error !== undefined) return <ErrorPanel error={res.error} onRetry={res.reload} />;
  if (!res.data || !draft) return <Loading />;
  const doc = res.data;
  const changed = !sameDraft(draft, draftOf(doc.policy));
  const allPeers = [...new Set([...peers, ...Object.keys(draft.peers)])].sort();

  const save = () => {
    setBusy(true);
    setError(null);
    api.put<PolicyDocument>('/api/v1/release/policy', policyBody(draft)).then(
      (saved) => {
        setBusy(false);
        notify(t('policy.saved', { version: saved.version }));
        res.reload();
        history.reload();
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <div className="policy">
      <p className="muted">
        {doc.saved ? (
          <>
            {t('policy.inForce', { version: doc.version, author: doc.author })} <Time iso={doc.saved_at} />
          </>
        ) : (
          t('policy.builtIn')
        )}
      </p>
      {!editable && <p className="field-hint">{t('policy.readOnly')}</p>}
      <div className="field">
        <label htmlFor={`${id}-unmarked`}>{t('policy.unmarkedAs')}</label>
        <select
          id={`${id}-unmarked`}
          value={draft.unmarked_as}
          disabled={!editable}
          onChange={(e) => setDraft({ ...draft, unmarked_as: e.target.value as TlpLevel })}
        >
          {TLP_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`tlp.label.${l}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="policy-grid">
        <fieldset className="panel">
          <legend>{t('policy.defaultRules')}</legend>
          <p className="field-hint">{t('policy.defaultHint')}</p>
          <RulesFields rules={draft.default} disabled={!editable} onChange={(r) => setDraft({ ...draft, default: r })} />
        </fieldset>
        {allPeers.map((peer) => {
          const own = draft.peers[peer];
          return (
            <fieldset key={peer} className="panel">
              <legend>{t('policy.peerRules', { peer })}</legend>
              <label className="check">
                <input
                  type="checkbox"
                  checked={own !== undefined}
                  disabled={!editable}
                  onChange={(e) => setDraft(withPeerRules(draft, peer, e.target.checked ? { ...draft.default } : null))}
                />
                {t('policy.ownRules')}
              </label>
              {own ? (
                <RulesFields rules={own} disabled={!editable} onChange={(r) => setDraft(withPeerRules(draft, peer, r))} />
              ) : (
                <p className="muted">{t('policy.followsDefault')}</p>
              )}
            </fieldset>
          );
        })}
      </div>
      {error !== null && <InlineError error={error} />}
      {editable && (
        <div className="form-actions">
          <button type="button" className="button button-primary" disabled={!changed || busy} aria-busy={busy} onClick={save}>
            {t('policy.save')}
          </button>
          <button type="button" className="button button-quiet" disabled={!changed || busy} onClick={() => setDraft(draftOf(doc.policy))}>
            {t('policy.discard')}
          </button>
          {changed && <span className="muted">{t('policy.unsaved')}</span>}
        </div>
      )}
      {history.data && history.data.versions.length > 0 && (
        <details className="history">
          <summary>{t('policy.history', { count: history.data.versions.length })}</summary>
          <ol className="plain-list">
            {history.data.versions.map((v) => (
              <li key={v.version}>
                {t('policy.historyEntry', { version: v.version, author: v.author })} <Time iso={v.saved_at} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
