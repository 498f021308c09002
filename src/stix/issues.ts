/**
 * Structured validation problems. Each has a JSON Pointer to the offending value, a code from a
 * fixed list and parameters; `messages.ts` turns them into English or Spanish text.
 */

/** Every code the STIX validator can report. */
export const ISSUE_CODES = [
  'not-an-object',
  'not-json',
  'invalid-json',
  'forbidden-key',
  'too-deep',
  'string-too-long',
  'array-too-long',
  'key-too-long',
  'required',
  'invalid-type',
  'empty-string',
  'empty-list',
  'empty-object',
  'invalid-type-name',
  'invalid-property-name',
  'reserved-property',
  'property-not-allowed',
  'invalid-identifier',
  'id-type-mismatch',
  'invalid-uuid-version',
  'ref-type-not-allowed',
  'invalid-timestamp',
  'timestamp-precision',
  'spec-version',
  'modified-before-created',
  'time-order',
  'time-order-strict',
  'out-of-range',
  'not-in-enum',
  'invalid-format',
  'invalid-hash',
  'exactly-one-of',
  'at-least-one-of',
  'requires',
  'selector-not-found',
  'self-reference',
  'tlp-mismatch',
  'unknown-type',
  'invalid-extension-key',
  'unknown-extension',
  'extension-type-mismatch',
  'extension-not-applicable',
  'extension-unusable',
  'schema-remote-ref',
  'schema-unsafe-pattern',
  'schema-unsupported-dialect',
  'schema-invalid',
  'schema-violation',
  'too-many-issues',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/** One problem found in an object. `path` is a JSON Pointer (RFC 6901), '' for the whole object. */
export interface ValidationIssue {
  path: string;
  code: IssueCode;
  params?: Record<string, string | number>;
}

/** The most issues one validation reports; the last slot says when more were found. */
export const MAX_ISSUES = 50;

/** Collects issues up to MAX_ISSUES; checks consult `full` to stop early on hostile input. */
export class IssueList {
  readonly items: ValidationIssue[] = [];
  private overflowed = false;

  constructor(private readonly max = MAX_ISSUES) {}

  /** True once no more issues will be kept. */
  get full(): boolean {
    return this.overflowed;
  }

  get count(): number {
    return this.items.length;
  }

  add(path: string, code: IssueCode, params?: Record<string, string | number>): void {
    if (this.overflowed) return;
    if (code === 'too-many-issues' || this.items.length >= this.max - 1) {
      this.overflowed = true;
      this.items.push({ path: '', code: 'too-many-issues', params: { max: this.max } });
      return;
    }
    this.items.push(params === undefined ? { path, code } : { path, code, params });
  }

  /** Adds issues found elsewhere, with `prefix` prepended to their paths. */
  addAll(issues: readonly ValidationIssue[], prefix = ''): void {
    for (const i of issues) this.add(prefix + i.path, i.code, i.params);
  }
}
