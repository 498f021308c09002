/** The rules of the release policy and the reasons the evaluator gives, rule by rule. */
import type { ReasonCode } from './messages.js';

/** The rules a decision can cite. */
export const RULE_IDS = [
  'malformed',
  'echo',
  'unknown-marking',
  'tlp-red',
  'tlp-amber-strict',
  'tlp-amber',
  'tlp-green',
  'tlp-clear',
  'ceiling',
  'releasability',
  'third-party',
  'grading',
  'granular',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** What happens to an object (or, in a reason, to the part the rule is about). */
export type Effect = 'release' | 'withhold' | 'redact';

/** One step of an explanation: which rule did what, as a code the console renders in EN/ES. */
export interface ReleaseReason {
  readonly rule: RuleId;
  readonly effect: Effect;
  readonly code: ReasonCode;
  readonly params: Readonly<Record<string, string>>;
}

/** Builds a reason; the rule is the part of the code before the dot. */
export function reason(code: ReasonCode, effect: Effect, params: Readonly<Record<string, string>>): ReleaseReason {
  return { rule: code.slice(0, code.indexOf('.')) as RuleId, effect, code, params };
}
