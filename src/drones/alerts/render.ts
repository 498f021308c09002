/**
 * An alert in words, for the console, notifications and reports. Alert params are the rule's
 * facts as its hit recorded them (incidents/rules.ts: port, portCity, to, km, side, zone…),
 * possibly from the partner's node; any may be missing, and strings are shown as plain text only
 * after control and direction-override characters are removed and long values cut.
 */
import { translate, type Lang } from '../../i18n/index.js';
import type { Alert } from '../model.js';
import type { AlertsMessageKey } from './messages.js';
import { DEFAULT_ESCALATE_AFTER_MS } from './book.js';

export interface RenderedAlert {
  title: string;
  detail: string;
  status: string;
}

export interface RenderOptions {
  /** When given, escalated alerts say how long they have waited until now, not the lower bound of their level. */
  now?: number;
  escalateAfterMs?: number;
}

const MAX_SHOWN = 80;
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function t(lang: Lang, key: AlertsMessageKey, params: Record<string, string | number> = {}): string {
  return translate(lang, 'drones-alerts', key, params);
}

/** A param as text a person can read, or null when missing or empty. */
function shown(lang: Lang, v: string | number | undefined): string | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    return new Intl.NumberFormat(lang === 'es' ? 'es-MX' : 'en-US', { maximumFractionDigits: 1 }).format(v);
  }
  if (typeof v !== 'string') return null;
  const clean = v.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN - 1)}…` : clean;
}

function countryName(lang: Lang, code: string | null): string | null {
  if (code === 'US') return t(lang, 'country.US');
  if (code === 'MX') return t(lang, 'country.MX');
  return code;
}

function placeOf(lang: Lang, params: Alert['params']): string | null {
  const port = shown(lang, params.port);
  const city = shown(lang, params.portCity);
  if (port && city && port !== city) return t(lang, 'place.port-city', { port, portCity: city });
  return port ?? city;
}

function titleOf(lang: Lang, alert: Alert): string {
  const place = placeOf(lang, alert.params);
  const p: Record<string, string> = place ? { place } : {};
  switch (alert.rule) {
    case 'crossing': {
      const to = shown(lang, alert.params.to);
      const side = to === 'US' || to === 'MX' ? countryName(lang, to) : null;
      if (side) return place ? t(lang, 'title.crossing', { to: side, place }) : t(lang, 'title.crossing.bare', { to: side });
      return place ? t(lang, 'title.crossing.no-side', p) : t(lang, 'title.crossing.no-side.bare');
    }
    case 'geofence': {
      const zone = shown(lang, alert.params.zone);
      if (zone) return t(lang, alert.params.zoneKind === 'port' ? 'title.geofence.port' : 'title.geofence.site', { zone });
      return place ? t(lang, 'title.geofence', p) : t(lang, 'title.geofence.bare');
    }
    case 'approach':
      return place ? t(lang, 'title.approach', p) : t(lang, 'title.approach.bare');
    case 'payload-drop':
      return place ? t(lang, 'title.payload-drop', p) : t(lang, 'title.payload-drop.bare');
    case 'loitering':
      return place ? t(lang, 'title.loitering', p) : t(lang, 'title.loitering.bare');
  }
}

/** The rule's facts that its params hold, each sentence only when all it needs is there. */
function factsOf(lang: Lang, alert: Alert): string[] {
  const p = alert.params;
  const v = (name: string) => shown(lang, p[name]);
  const out: string[] = [];
  const say = (key: AlertsMessageKey, names: string[]) => {
    const params: Record<string, string> = {};
    for (const n of names) {
      const value = v(n);
      if (value === null) return;
      params[n] = value;
    }
    out.push(t(lang, key, params));
  };
  switch (alert.rule) {
    case 'crossing': {
      const km = v('distanceKm');
      if (km) out.push(t(lang, 'fact.port-distance', { km }));
      break;
    }
    case 'geofence':
      say('fact.city', ['city']);
      break;
    case 'payload-drop':
      say(p.kind === 'climb' ? 'fact.climb' : 'fact.descent', ['metres', 'seconds']);
      say('fact.altitude', ['altM']);
      break;
    case 'loitering':
      if (v('radiusM') && v('minutes')) say('fact.loiter', ['radiusM', 'minutes']);
      else say('fact.minutes', ['minutes']);
      break;
    case 'approach':
      break;
  }
  say('fact.km', ['km']);
  const side = v('side');
  if (side === 'US' || side === 'MX') out.push(t(lang, `fact.side.${side}`));
  const inS = p.predictedInS;
  if (alert.rule === 'approach' && typeof inS === 'number' && Number.isFinite(inS) && inS >= 0) {
    out.push(t(lang, 'fact.predicted', { minutes: Math.max(1, Math.round(inS / 60)) }));
  }
  return out;
}

function detailOf(lang: Lang, alert: Alert): string {
  const sentences: string[] = [];
  const country = shown(lang, alert.originCountry);
  if (country === 'US' || country === 'MX') sentences.push(t(lang, `origin.${country}`));
  else if (country) sentences.push(t(lang, 'origin.other', { country }));
  const peer = shown(lang, alert.origin);
  if (peer && alert.origin !== 'local') sentences.push(t(lang, 'origin.peer', { peer }));
  return [...sentences, ...factsOf(lang, alert)].join(' ');
}

function statusOf(lang: Lang, alert: Alert, o: RenderOptions): string {
  if (alert.state === 'acknowledged' && alert.acknowledgedBy) {
    const account = shown(lang, alert.acknowledgedBy.account) ?? '?';
    const country = countryName(lang, shown(lang, alert.acknowledgedBy.country)) ?? '?';
    return t(lang, 'status.acknowledged', { account, country });
  }
  if (alert.level === 1) return t(lang, 'status.open');
  const waitedMs =
    o.now !== undefined && o.now >= alert.raisedAt
      ? o.now - alert.raisedAt
      : (alert.level - 1) * (o.escalateAfterMs ?? DEFAULT_ESCALATE_AFTER_MS);
  const minutes = Math.max(1, Math.floor(waitedMs / 60_000));
  return t(lang, alert.level === 2 ? 'status.level2' : 'status.level3', { minutes });
}

/** Title, detail and status line of an alert in the reader's language. */
export function renderAlert(alert: Alert, lang: Lang, o: RenderOptions = {}): RenderedAlert {
  return { title: titleOf(lang, alert), detail: detailOf(lang, alert), status: statusOf(lang, alert, o) };
}

/** The rule's short name (for filters and legends). */
export function ruleName(rule: Alert['rule'], lang: Lang): string {
  return t(lang, `rule.${rule}`);
}
