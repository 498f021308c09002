/**
 * The originator's release policy: the policy as data, the marking catalog, and the one
 * evaluator every way out of the node calls.
 */
export {
  ReleasePolicySchema,
  PeerReleaseRulesSchema,
  MinGradingSchema,
  DEFAULT_RELEASE_POLICY,
  CEILING_LEVELS,
  parseReleasePolicy,
  rulesForPeer,
  type ReleasePolicy,
  type PeerReleaseRules,
  type MinGrading,
  type Ceiling,
  type PeerView,
  type ParsePolicyResult,
} from './model.js';
export { MarkingCatalog, readHandlingMarking, type HandlingMarking, type ResolvedMarking } from './markings.js';
export { evaluateRelease, gradingOf, type ReleaseContext, type ReleaseDecision } from './evaluate.js';
export { RULE_IDS, type RuleId, type Effect, type ReleaseReason } from './reasons.js';
export { REASON_CODES, POLICY_ISSUE_CODES, messages, renderReason, type ReasonCode, type MessageCode } from './messages.js';
export { parseSelector, selectorText, redactCopy, type Segment } from './redact.js';
