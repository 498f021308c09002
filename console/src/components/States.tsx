import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api.js';

/** Something is being fetched; `aria-busy` lets tests and assistive technology wait for it. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

/** Nothing to show, and what to do about it. */
export function Empty({ title, hint, children }: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {hint && <p className="state-hint">{hint}</p>}
      {children}
    </div>
  );
}

/** What a failure means for the reader: what the node said, and what to try. */
export function useErrorText(): (error: unknown) => { title: string; detail: string | null; hint: string } {
  const { t } = useTranslation();
  return (error) => {
    if (!isApiError(error))
      return { title: t('errors.unexpected'), detail: error instanceof Error ? error.message : null, hint: t('errors.hint.reload') };
    const hint =
      error.status === 0
        ? t('errors.hint.network')
        : error.status === 401
          ? t('errors.hint.signIn')
          : error.status === 403
            ? t('errors.hint.forbidden')
            : error.status === 404
              ? t('errors.hint.notFound')
              : error.status === 429
                ? t('errors.hint.tooMany')
                : error.status >= 500
                  ? t('errors.hint.server')
                  : t('errors.hint.fix');
    const title = error.title ?? (error.status === 0 ? t('errors.network') : t('errors.http', { status: error.status }));
    return { title, detail: error.description, hint };
  };
}

export function ErrorPanel({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText()(error);
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title ?? text.title}</p>
      {title && <p>{text.title}</p>}
      {text.detail && <p>{text.detail}</p>}
      <p className="state-hint">{text.hint}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A failure inside a form: short, next to what failed. */
export function InlineError({ error }: { error: unknown }) {
  const text = useErrorText()(error);
  return (
    <div className="inline-error" role="alert">
      <strong>{text.title}</strong>
      {text.detail && <span>{` ${text.detail}`}</span>}
      <span className="state-hint">{` ${text.hint}`}</span>
    </div>
  );
}
