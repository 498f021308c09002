import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../lib/locale.js';
import type { Locale } from '../lib/types.js';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  /** True while a request is in flight (the previous data, if any, is still shown). */
  loading: boolean;
  reload: () => void;
}

/**
 * Data a screen loads from the node. A change of `key` starts again (and drops what an older
 * request answers late); `reload` asks again while keeping what is shown.
 */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>, o: { refreshMs?: number } = {}): Resource<T> {
  const [state, setState] = useState<{ key: string; data: T | undefined; error: unknown; loading: boolean }>({
    key,
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, data: undefined, error: undefined, loading: true }));
    loadRef.current(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ key, data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (!ctrl.signal.aborted) setState((s) => ({ key, data: s.key === key ? s.data : undefined, error, loading: false }));
      },
    );
    return () => ctrl.abort();
  }, [key, tick]);

  useEffect(() => {
    if (!o.refreshMs) return undefined;
    const timer = window.setInterval(() => setTick((t) => t + 1), o.refreshMs);
    return () => window.clearInterval(timer);
  }, [o.refreshMs]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = state.key === key;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, loading: !current || state.loading, reload };
}

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : 'en';
}

/** The current time, refreshed every `everyMs`, for "5 minutes ago" that stays true. */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The window's title: the screen, then the node, so two consoles side by side can be told apart. */
export function useDocumentTitle(screen: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.documentTitle', { screen });
  }, [screen, t]);
}
