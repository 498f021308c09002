/**
 * Phrases rule hits and timeline entries in the reader's language. Params may come from the
 * partner's node, so each text takes only the params it names: a stray `count` or `context`
 * cannot steer i18next, and a missing one shows as "?" rather than as a raw placeholder.
 */
import { translate, type Lang } from '../../i18n/index.js';
import type { RuleHit, RuleKind, TimelineEntry, TimelineKind } from '../model.js';
import { DRONES_INCIDENTS_NS, dronesIncidentsMessages, type DronesIncidentsKey } from './messages.js';

export interface Described {
  title: string;
  detail: string;
}

type Params = Record<string, string | number>;

/** One text, given only the params it names. */
function say(lang: Lang, key: DronesIncidentsKey, params: Params = {}): string {
  const text = translate(lang, DRONES_INCIDENTS_NS, key, params);
  return text.replace(/\{\{\s*[A-Za-z0-9_]+\s*\}\}/g, '?');
}

/** A catalogue word for a code (side, classification…); the code itself when it has none. */
function word(lang: Lang, prefix: string, code: string | number | undefined): string {
  if (code === undefined) return '?';
  const key = `${prefix}.${code}`;
  return key in dronesIncidentsMessages.en ? say(lang, key as DronesIncidentsKey) : String(code);
}

function pick(params: Params, ...names: string[]): Params {
  const out: Params = {};
  for (const n of names) {
    const v = params[n];
    if (v !== undefined) out[n] = v;
  }
  return out;
}

const RULE_KINDS: ReadonlySet<string> = new Set<RuleKind>(['crossing', 'approach', 'geofence', 'payload-drop', 'loitering']);

function ruleDetail(lang: Lang, rule: RuleKind, p: Params): string {
  switch (rule) {
    case 'crossing':
      return say(lang, 'rule.crossing.detail', {
        ...pick(p, 'distanceKm', 'port', 'portCity'),
        from: word(lang, 'side', p['from']),
        to: word(lang, 'side', p['to']),
      });
    case 'approach': {
      const base = { ...pick(p, 'km'), side: word(lang, 'side', p['side']) };
      const inS = typeof p['predictedInS'] === 'number' ? p['predictedInS'] : undefined;
      if (inS === undefined) return say(lang, 'rule.approach.detail', base);
      return say(lang, 'rule.approach.detail-predicted', { ...base, minutes: Math.max(1, Math.round(inS / 60)) });
    }
    case 'geofence':
      return p['zoneKind'] === 'port'
        ? say(lang, 'rule.geofence.detail-port', pick(p, 'radiusM', 'zone', 'city'))
        : say(lang, 'rule.geofence.detail-site', pick(p, 'zone'));
    case 'payload-drop':
      return say(
        lang,
        p['kind'] === 'climb' ? 'rule.payload-drop.detail-climb' : 'rule.payload-drop.detail-descent',
        pick(p, 'metres', 'seconds', 'altM'),
      );
    case 'loitering':
      return say(lang, 'rule.loitering.detail', { ...pick(p, 'radiusM', 'minutes', 'km'), side: word(lang, 'side', p['side']) });
  }
}

/** Title and one-line detail of a rule hit, e.g. for an alert. */
export function describeHit(hit: Pick<RuleHit, 'rule' | 'params'>, lang: Lang): Described {
  return { title: say(lang, `rule.${hit.rule}.title`), detail: ruleDetail(lang, hit.rule, hit.params) };
}

/** Title and detail of a timeline entry; entries of rule kinds read like the hit they record. */
export function describeTimeline(entry: Pick<TimelineEntry, 'kind' | 'params' | 'trackId'>, lang: Lang): Described {
  const kind: TimelineKind = entry.kind;
  if (RULE_KINDS.has(kind)) return describeHit({ rule: kind as RuleKind, params: entry.params }, lang);
  const p = entry.params;
  const track = typeof p['track'] === 'string' || typeof p['track'] === 'number' ? p['track'] : (entry.trackId ?? '?');
  switch (kind) {
    case 'opened':
      return {
        title: say(lang, 'timeline.opened.title'),
        detail: say(lang, p['exercise'] === 1 ? 'timeline.opened.detail-exercise' : 'timeline.opened.detail', {
          classification: word(lang, 'classification', p['classification']),
          airframe: word(lang, 'airframe', p['airframe']),
        }),
      };
    case 'track-joined':
      return {
        title: say(lang, 'timeline.track-joined.title'),
        detail: say(lang, 'timeline.track-joined.detail', { ...pick(p, 'distanceM'), track }),
      };
    case 'pilot-located':
      return {
        title: say(lang, 'timeline.pilot-located.title'),
        detail: say(lang, 'timeline.pilot-located.detail', { track, kind: word(lang, 'pilot', p['kind']) }),
      };
    default:
      return { title: say(lang, 'timeline.closed.title'), detail: say(lang, 'timeline.closed.detail') };
  }
}

/** Name of a side, heading, classification or airframe in the reader's language. */
export function sideName(side: string, lang: Lang): string {
  return word(lang, 'side', side);
}

export function headingName(heading: string, lang: Lang): string {
  return word(lang, 'heading', heading);
}

export function classificationName(classification: string, lang: Lang): string {
  return word(lang, 'classification', classification);
}

export function airframeName(airframe: string, lang: Lang): string {
  return word(lang, 'airframe', airframe);
}

/** A bilingual text for errors (EnlaceError params accept `{ en, es }`). */
export function bilingual(key: DronesIncidentsKey, params: Params = {}): { en: string; es: string } {
  return { en: say('en', key, params), es: say('es', key, params) };
}
