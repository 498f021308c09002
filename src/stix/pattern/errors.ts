/**
 * Why a STIX pattern is refused, with the character where the problem starts. The parser throws
 * `PatternError` internally to unwind; `parsePattern` catches it and returns it as data, so no
 * exception leaves this module (the validator maps it once to a validation issue).
 */

export const PATTERN_ERROR_CODES = [
  'too-long',
  'too-deep',
  'empty',
  'unexpected-character',
  'unterminated-string',
  'unterminated-comment',
  'bad-escape',
  'bad-hex',
  'bad-binary',
  'leading-zero',
  'expected',
  'unexpected-token',
  'trailing-input',
  'bad-object-type',
  'bad-property-name',
  'mixed-object-types',
  'bad-timestamp',
  'start-after-stop',
  'not-positive',
  'mixed-set',
  'bad-regex',
  'literal-type',
] as const;

export type PatternErrorCode = (typeof PATTERN_ERROR_CODES)[number];

export interface PatternProblem {
  code: PatternErrorCode;
  /** 0-based offset of the first character concerned. */
  at: number;
  params: Record<string, string | number>;
}

export class PatternError extends Error {
  readonly problem: PatternProblem;
  constructor(code: PatternErrorCode, at: number, params: Record<string, string | number> = {}) {
    super(code);
    this.problem = { code, at, params };
  }
}
