import { translate, type Lang } from '../../i18n/index.js';
import type { RuleKind } from '../model.js';

export type AlertRefusalReason = 'incident-field' | 'unknown-rule' | 'no-position' | 'params-too-large' | 'ack-field';

/**
 * An incident or acknowledgement the alert book will not take, with the reason in both languages
 * (catalogue `drones-alerts`, key `refuse.<reason>`). Thrown before anything is stored.
 */
export class AlertRefusal extends Error {
  constructor(
    readonly reason: AlertRefusalReason,
    readonly params: Record<string, string | number>,
  ) {
    super(translate('en', 'drones-alerts', `refuse.${reason}`, params));
    this.name = 'AlertRefusal';
  }

  text(lang: Lang): string {
    return translate(lang, 'drones-alerts', `refuse.${this.reason}`, this.params);
  }
}

export const RULE_KINDS: readonly RuleKind[] = ['crossing', 'approach', 'geofence', 'payload-drop', 'loitering'];

export function isRuleKind(v: unknown): v is RuleKind {
  return typeof v === 'string' && (RULE_KINDS as readonly string[]).includes(v);
}
