import { useLocale, useNow } from '../app/hooks.js';
import { formatDate, formatDateTime, formatRelative, formatTime, formatUtc } from '../lib/format.js';

interface Props {
  iso: string | null | undefined;
  /** "5 minutes ago", the exact time on hover. */
  relative?: boolean;
  dateOnly?: boolean;
  /** Date, then time on a line of its own, for narrow table columns. */
  stacked?: boolean;
}

/** An instant in the reader's time zone and language; the exact UTC time on hover. */
export function Time({ iso, relative = false, dateOnly = false, stacked = false }: Props) {
  const locale = useLocale();
  const now = useNow();
  if (!iso) return null;
  if (stacked) {
    return (
      <time dateTime={iso} title={formatUtc(iso, locale)} className="time-stacked">
        <span>{formatDate(iso, locale)}</span>
        <span>{formatTime(iso, locale)}</span>
      </time>
    );
  }
  const text = relative ? formatRelative(iso, now, locale) : dateOnly ? formatDate(iso, locale) : formatDateTime(iso, locale);
  return (
    <time dateTime={iso} title={relative ? formatDateTime(iso, locale) : formatUtc(iso, locale)}>
      {text}
    </time>
  );
}
