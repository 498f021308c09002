/** Why the audit log refused a call; texts under `audit.<code>` in `messages.ts`. */
export type AuditErrorCode =
  | 'size-out-of-range'
  | 'index-out-of-range'
  | 'entry-invalid'
  | 'append-conflict'
  | 'storage-inconsistent'
  | 'body-missing'
  | 'tree-head-invalid';

export type AuditParams = Record<string, string | number>;

/**
 * Thrown when a caller asks the log for something it cannot give (a proof for a size it never
 * had, an entry that is not well formed). Verification outcomes are never thrown: they are
 * returned as verdicts.
 */
export class AuditError extends Error {
  readonly code: AuditErrorCode;
  readonly params: AuditParams;

  constructor(code: AuditErrorCode, params: AuditParams = {}) {
    const detail = Object.entries(params)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    super(detail ? `audit.${code} (${detail})` : `audit.${code}`);
    this.name = 'AuditError';
    this.code = code;
    this.params = params;
  }
}

/** Narrows an unknown thrown value to an AuditError. */
export function isAuditError(e: unknown): e is AuditError {
  return e instanceof AuditError;
}
