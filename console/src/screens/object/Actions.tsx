import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { Link } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { InlineError } from '../../components/States.js';
import { hrefOf } from '../../lib/routes.js';
import type { ObjectDetail, StixObject } from '../../lib/types.js';

/** Properties a proposal may not touch: the originator's bookkeeping, not what the object says. */
const FIXED = new Set(['id', 'type', 'spec_version', 'created', 'modified', 'created_by_ref', 'extensions', 'revoked']);

function NoteForm({ objectId, onDone }: { objectId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { notify } = useSession();
  const id = useId();
  const [content, setContent] = useState('');
  const [abstract, setAbstract] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (content.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    const body = { content: content.trim(), ...(abstract.trim() !== '' ? { abstract: abstract.trim() } : {}) };
    api.post(`/console/api/objects/${encodeURIComponent(objectId)}/notes`, body).then(
      () => {
        setBusy(false);
        setContent('');
        setAbstract('');
        notify(t('actions.noteAdded'));
        onDone();
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="stack">
      <div className="field">
        <label htmlFor={`${id}-abstract`}>{t('actions.noteAbstract')}</label>
        <input id={`${id}-abstract`} value={abstract} onChange={(e) => setAbstract(e.target.value)} maxLength={300} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-content`}>{t('actions.noteContent')}</label>
        <textarea id={`${id}-content`} rows={4} value={content} onChange={(e) => setContent(e.target.value)} aria-invalid={missing} />
        {missing && <p className="field-error">{t('actions.noteMissing')}</p>}
      </div>
      <p className="field-hint">{t('actions.noteHint')}</p>
      {error !== null && <InlineError error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {t('actions.addNote')}
        </button>
      </div>
    </form>
  );
}

/** Reads what was typed for a property: text stays text, anything that parses as JSON is JSON. */
function proposedValue(current: unknown, text: string): unknown {
  if (typeof current === 'string' || current === undefined) {
    if (current === undefined) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
    return text;
  }
  if (Array.isArray(current) && current.every((v) => typeof v === 'string') && !text.trim().startsWith('[')) {
    return text
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }
  return JSON.parse(text) as unknown;
}

function editableText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value, null, 2);
}

function ProposeForm({ object, onDone }: { object: StixObject; onDone: () => void }) {
  const { t } = useTranslation();
  const { notify } = useSession();
  const id = useId();
  const properties = Object.keys(object).filter((k) => !FIXED.has(k));
  const [property, setProperty] = useState(properties.includes('description') ? 'description' : (properties[0] ?? ''));
  const [other, setOther] = useState('');
  const [value, setValue] = useState(editableText(object[property]));
  const [remove, setRemove] = useState(false);
  const [rationale, setRationale] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const name = property === '' ? other.trim() : property;

  const choose = (p: string) => {
    setProperty(p);
    setValue(p === '' ? '' : editableText(object[p]));
    setRemove(false);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (!/^[a-z0-9_]{3,250}$/.test(name) || FIXED.has(name)) return setProblem(t('actions.proposeBadProperty'));
    if (rationale.trim() === '') return setProblem(t('actions.proposeNoRationale'));
    let parsed: unknown;
    try {
      parsed = remove ? undefined : proposedValue(object[name], value);
    } catch {
      return setProblem(t('actions.proposeBadValue'));
    }
    setBusy(true);
    setError(null);
    const body = { target: object.id, rationale: rationale.trim(), ...(remove ? { removals: [name] } : { changes: { [name]: parsed } }) };
    api.post('/api/v1/proposals', body).then(
      () => {
        setBusy(false);
        setRationale('');
        notify(t('actions.proposalSent'));
        onDone();
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
    return undefined;
  };

  return (
    <form onSubmit={submit} noValidate className="stack">
      <p className="field-hint">{t('actions.proposeIntro')}</p>
      <div className="field">
        <label htmlFor={`${id}-prop`}>{t('actions.proposeProperty')}</label>
        <select id={`${id}-prop`} value={property} onChange={(e) => choose(e.target.value)}>
          {properties.map((p) => (
            <option key={p} value={p}>{`${t(`prop.${p}`, { defaultValue: p })} (${p})`}</option>
          ))}
          <option value="">{t('actions.proposeOther')}</option>
        </select>
      </div>
      {property === '' && (
        <div className="field">
          <label htmlFor={`${id}-other`}>{t('actions.proposeOtherName')}</label>
          <input id={`${id}-other`} className="mono" value={other} onChange={(e) => setOther(e.target.value)} spellCheck={false} />
        </div>
      )}
      {property !== '' && (
        <label className="check">
          <input type="checkbox" checked={remove} onChange={(e) => setRemove(e.target.checked)} />
          {t('actions.proposeRemove')}
        </label>
      )}
      {!remove && (
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('actions.proposeValue')}</label>
          <textarea id={`${id}-value`} rows={4} value={value} onChange={(e) => setValue(e.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-why`}>{t('actions.proposeRationale')}</label>
        <textarea id={`${id}-why`} rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {error !== null && <InlineError error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {t('actions.proposeSubmit')}
        </button>
      </div>
    </form>
  );
}

function Revoke({ objectId, onDone }: { objectId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { notify } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const revoke = () => {
    setBusy(true);
    setError(null);
    api.post(`/console/api/objects/${encodeURIComponent(objectId)}/revoke`).then(
      () => {
        setBusy(false);
        setConfirming(false);
        notify(t('actions.revoked'));
        onDone();
      },
      (err: unknown) => {
        setBusy(false);
        setError(err);
      },
    );
  };

  return (
    <div className="stack">
      <p className="field-hint">{t('actions.revokeHint')}</p>
      {!confirming ? (
        <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
          {t('actions.revoke')}
        </button>
      ) : (
        <div className="confirm" role="alertdialog" aria-label={t('actions.revokeConfirmTitle')}>
          <p>
            <strong>{t('actions.revokeConfirm')}</strong>
          </p>
          <div className="form-actions">
            <button type="button" className="button button-danger" onClick={revoke} disabled={busy} aria-busy={busy}>
              {t('actions.revokeYes')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setConfirming(false)} autoFocus>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {error !== null && <InlineError error={error} />}
    </div>
  );
}

type Tab = 'note' | 'propose' | 'revoke';

/** What this user may do with the object, as the node says (actions), one form at a time. */
export function Actions({ detail, onChanged }: { detail: ObjectDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const tabs = (['note', 'propose', 'revoke'] as const).filter((k) => detail.actions[k]);
  const [tab, setTab] = useState<Tab | null>(tabs[0] ?? null);
  const current = tab !== null && tabs.includes(tab) ? tab : (tabs[0] ?? null);

  if (tabs.length === 0 && !detail.actions.release) return <p className="muted">{t('actions.none')}</p>;
  return (
    <div>
      {tabs.length > 0 && (
        <div className="segmented" role="group" aria-label={t('actions.title')}>
          {tabs.map((k) => (
            <button key={k} type="button" aria-pressed={current === k} aria-controls={`${id}-panel`} onClick={() => setTab(k)}>
              {t(`actions.tab.${k}`)}
            </button>
          ))}
        </div>
      )}
      <div id={`${id}-panel`}>
        {current === 'note' && <NoteForm objectId={detail.object.id} onDone={onChanged} />}
        {current === 'propose' && <ProposeForm object={detail.object} onDone={onChanged} />}
        {current === 'revoke' && <Revoke objectId={detail.object.id} onDone={onChanged} />}
      </div>
      {detail.actions.release && (
        <p className="release-link">
          <Link to={hrefOf({ name: 'release', peer: null, id: detail.object.id })}>{t('actions.seeRelease')}</Link>
        </p>
      )}
    </div>
  );
}
