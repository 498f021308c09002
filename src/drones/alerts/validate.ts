/**
 * Checks on what reaches the alert book. Incidents and acknowledgements also arrive from the
 * partner, so the book does not trust the types: a malformed one is refused whole, before any
 * alert is stored, with the field that is wrong.
 */
import type { IncidentView, RuleKind } from '../model.js';
import { AlertRefusal, isRuleKind } from './refusal.js';

export const MAX_ID_CHARS = 200;
export const MAX_ACCOUNT_CHARS = 128;
export const MAX_PARAMS = 32;
export const MAX_PARAM_CHARS = 500;

export interface Acknowledgement {
  incidentId: string;
  rule: RuleKind;
  /** When the person acknowledged it, on the clock of the node where they did. */
  acknowledgedAt: number;
  account: string;
  /** ISO 3166-1 alpha-2 of the node where it was acknowledged. */
  country: string;
}

const COUNTRY = /^[A-Z]{2}$/;
// Control and bidirectional-override characters would let a name print as someone else's.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_CHARS && !UNPRINTABLE.test(v);
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export function isCountry(v: unknown): v is string {
  return typeof v === 'string' && COUNTRY.test(v);
}

/** The incident fields the book reads; throws on the first that is wrong. */
export function checkIncident(incident: unknown): asserts incident is IncidentView {
  const bad = (field: string): never => {
    throw new AlertRefusal('incident-field', { field });
  };
  if (!isRecord(incident)) bad('incident');
  const i = incident as Record<string, unknown>;
  if (!isId(i.id)) bad('id');
  if (!isId(i.origin)) bad('origin');
  if (!isCountry(i.originCountry)) bad('originCountry');
  if (!isTime(i.updatedAt)) bad('updatedAt');
  if (!Array.isArray(i.rules)) bad('rules');
  for (const rule of i.rules as unknown[]) {
    if (!isRuleKind(rule)) throw new AlertRefusal('unknown-rule', { rule: String(rule).slice(0, 40) });
  }
  if (!Array.isArray(i.timeline)) bad('timeline');
  for (const [n, entry] of (i.timeline as unknown[]).entries()) {
    if (!isRecord(entry) || typeof entry.kind !== 'string' || !isTime(entry.at)) bad(`timeline[${n}]`);
  }
  if (i.tracks !== undefined && !Array.isArray(i.tracks)) bad('tracks');
}

/** Keeps the values a text can show; refuses sets too large to be a rule's facts. */
export function checkParams(rule: RuleKind, params: unknown): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!isRecord(params)) return out;
  const entries = Object.entries(params);
  const tooLarge =
    entries.length > MAX_PARAMS ||
    entries.some(([k, v]) => k.length > MAX_PARAM_CHARS || (typeof v === 'string' && v.length > MAX_PARAM_CHARS));
  if (tooLarge) throw new AlertRefusal('params-too-large', { rule, count: entries.length, max: MAX_PARAMS, chars: MAX_PARAM_CHARS });
  for (const [k, v] of entries) {
    // An own property named __proto__ would otherwise set the prototype of the copy.
    if (k === '__proto__') continue;
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return out;
}

export function checkAcknowledgement(ack: unknown): Acknowledgement {
  const bad = (field: string): never => {
    throw new AlertRefusal('ack-field', { field });
  };
  if (!isRecord(ack)) bad('acknowledgement');
  const a = ack as Record<string, unknown>;
  if (!isId(a.incidentId)) bad('incidentId');
  if (!isRuleKind(a.rule)) bad('rule');
  if (!isTime(a.acknowledgedAt)) bad('acknowledgedAt');
  const account = a.account;
  if (typeof account !== 'string' || account.trim() === '' || account.length > MAX_ACCOUNT_CHARS || UNPRINTABLE.test(account))
    bad('account');
  if (!isCountry(a.country)) bad('country');
  return {
    incidentId: a.incidentId as string,
    rule: a.rule as RuleKind,
    acknowledgedAt: a.acknowledgedAt as number,
    account: account as string,
    country: a.country as string,
  };
}
