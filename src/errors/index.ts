import type { ErrorCode } from './messages.js';
import { translate, type Lang } from '../i18n/index.js';

export type { ErrorCode } from './messages.js';
/** A parameter is plain, or already phrased in each language (e.g. a list of validation issues). */
export type ErrorParam = string | number | { en: string; es: string };
export type ErrorParams = Record<string, ErrorParam>;

/** A detail that ends a sentence already ends the template's sentence too: no "..". */
function tidy(text: string): string {
  return text.replace(/([.!?])\.$/, '$1');
}

function paramsIn(lang: Lang, params: ErrorParams): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'object' ? v[lang] : v;
  return out;
}

/** The HTTP status that each error id maps to; one table, so that no handler picks its own. */
const httpStatusOf: Record<ErrorCode, number> = {
  'auth.required': 401,
  'auth.invalid': 401,
  'auth.forbidden': 403,
  'auth.peer-signature': 401,
  'http.not-found': 404,
  'http.method-not-allowed': 405,
  'http.not-acceptable': 406,
  'http.unsupported-media-type': 415,
  'http.payload-too-large': 413,
  'http.malformed-json': 400,
  'http.request-timeout': 408,
  'http.header-too-large': 431,
  'http.bad-request': 400,
  'http.internal': 500,
  'drones.unsupported-format': 415,
  'drones.rejected': 400,
  'drones.incident-not-found': 404,
  'drones.alert-not-found': 404,
  'drones.disabled': 503,
  'taxii.collection-not-found': 404,
  'taxii.api-root-not-found': 404,
  'taxii.object-not-found': 404,
  'taxii.status-not-found': 404,
  'release.policy-invalid': 400,
  'object.revoked': 409,
  'release.policy-unreadable': 500,
  'release.unknown-peer': 404,
  'taxii.cannot-read': 403,
  'taxii.cannot-write': 403,
  'taxii.bad-filter': 400,
  'taxii.bad-timestamp': 400,
  'taxii.bad-limit': 400,
  'taxii.bad-cursor': 400,
  'taxii.bad-envelope': 400,
  'taxii.too-many-objects': 413,
  'taxii.bad-object-id': 400,
  'object.invalid': 422,
  'object.unsigned': 422,
  'object.signature': 422,
  'object.unknown-signer': 422,
  'object.not-originator': 422,
  'object.conflict': 409,
  'peer.unknown': 404,
  'peer.fingerprint-mismatch': 400,
  'peer.self': 400,
  'peer.bad-card': 400,
  'peer.exists': 409,
  'peer.unreachable': 502,
  'peer.bad-response': 502,
  'config.invalid': 400,
  'config.missing': 400,
  'config.exists': 409,
  'account.bad-username': 400,
  'account.short-password': 400,
  'account.bad-role': 400,
  'account.exists': 409,
  'config.bad-option': 400,
  'import.unreadable': 400,
  'import.bad-line': 400,
  'import.bad-bundle': 400,
  'audit.bad-parameter': 400,
  'audit.out-of-range': 400,
  'audit.range-too-large': 400,
  'audit.peers-only': 403,
  'audit.head-rejected': 400,
  'audit.head-inconsistent': 409,
  'audit.proof-needed': 409,
  'audit.log-damaged': 500,
  'proposal.target-unknown': 404,
  'proposal.own-object': 409,
  'proposal.target-revoked': 409,
  'proposal.not-allowed': 422,
  'proposal.invalid-result': 422,
  'proposal.not-deliverable': 409,
  'proposal.unknown': 404,
  'proposal.not-ours': 403,
  'proposal.already-decided': 409,
  'proposal.withdrawn': 409,
  'proposal.stale': 409,
  'proposal.bad-reason': 400,
  'console.session-required': 401,
  'console.bad-credentials': 401,
  'console.rate-limited': 429,
  'console.csrf': 403,
  'console.not-built': 503,
  'console.object-not-found': 404,
  'console.invalid-object': 400,
  'console.not-own-object': 403,
  'console.account-unknown': 404,
  'console.own-account': 409,
  'drones.ports-invalid': 500,
};

export { langOf, type Lang } from '../i18n/index.js';

/**
 * An error every layer may throw; rendered in exactly one place per surface (HTTP, CLI).
 * @example throw new EnlaceError('taxii.bad-limit', { value: 'x', max: 1000 })
 */
export class EnlaceError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly httpStatus: number;
  /** Structured particulars (e.g. validation issues) a client may act on. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, params: ErrorParams = {}, details?: Record<string, unknown>) {
    super(tidy(translate('en', 'errors', code, paramsIn('en', params))));
    this.name = 'EnlaceError';
    this.code = code;
    this.params = params;
    this.httpStatus = httpStatusOf[code];
    this.details = details;
  }

  /** The message in the reader's language. */
  localized(lang: Lang): string {
    return tidy(translate(lang, 'errors', this.code, paramsIn(lang, this.params)));
  }
}

/** A TAXII 2.1 error message resource (section 3.6.1). `http_status` is a string per the spec. */
export interface TaxiiError {
  title: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  http_status?: string;
  details?: Record<string, unknown>;
}

/** The one place where an error becomes what a client reads. */
export function renderTaxiiError(e: EnlaceError, lang: Lang, ref?: string): TaxiiError {
  const out: TaxiiError = {
    title: e.localized(lang),
    error_code: e.code,
    http_status: String(e.httpStatus),
  };
  if (ref) out.error_id = ref;
  if (lang !== 'en') out.description = e.message;
  if (e.details) out.details = e.details;
  return out;
}

export function isEnlaceError(e: unknown): e is EnlaceError {
  return e instanceof EnlaceError;
}
