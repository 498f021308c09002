/**
 * Administering the release policy, shared by the HTTP API and `enlace policy`: the policy in
 * force as a document people and tools read, and saving a new version with every problem of a
 * refused one named (the service itself stops at the first few).
 */
import { EnlaceError } from '../errors/index.js';
import { formatTimestampUs } from '../stix/index.js';
import { ReleasePolicySchema, type ReleasePolicy } from './policy/index.js';
import { bothLanguages } from './phrase.js';
import type { PolicyInForce, ReleaseService } from './service.js';

/** Largest policy accepted, as compact JSON: the limit ReleaseService.save applies. */
export const MAX_POLICY_BYTES = 256 * 1024;
/** Largest request body for a policy: room for indentation around the largest policy. */
export const MAX_POLICY_BODY_BYTES = 2 * MAX_POLICY_BYTES;
/** Problems listed for one refused policy; a policy with more is hopeless anyway. */
const MAX_PROBLEMS = 50;

/** The policy in force as the API and `enlace policy show --json` give it. */
export interface PolicyDocument {
  version: number;
  /** Who saved this version: an account, `cli:<user>`, or `enlace` for the built-in default. */
  author: string;
  /** When it was saved (STIX timestamp); null for the built-in default. */
  saved_at: string | null;
  /** False while no administrator has saved a policy: the built-in default applies. */
  saved: boolean;
  policy: ReleasePolicy;
}

export function policyDocument(p: PolicyInForce): PolicyDocument {
  return {
    version: p.policy.version,
    author: p.author,
    saved_at: p.saved ? formatTimestampUs(p.savedUs, 3) : null,
    saved: p.saved,
    policy: p.policy,
  };
}

/** One thing wrong with submitted policy data: where (a JSON pointer) and what (the validator's code). */
export interface PolicyProblem {
  path: string;
  problem: string;
}

function pointer(path: readonly PropertyKey[]): string {
  return '/' + path.map((k) => String(k).slice(0, 64).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Every problem of submitted policy data, each at its own path: a key the schema does not know
 * is named in the path, so a typo in `alow_green` is found without guessing.
 */
export function policyProblems(input: Record<string, unknown>): PolicyProblem[] {
  const candidate = { ...input, version: 1, updated_at: new Date(0).toISOString() };
  const r = ReleasePolicySchema.safeParse(candidate);
  if (r.success) return [];
  const out: PolicyProblem[] = [];
  for (const issue of r.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: pointer([...issue.path, key]), problem: 'unrecognized_key' });
    } else if (issue.code === 'invalid_type') {
      out.push({ path: pointer(issue.path), problem: `invalid_type (${issue.expected})` });
    } else if (issue.code === 'invalid_value') {
      out.push({ path: pointer(issue.path), problem: `invalid_value (${issue.values.map(String).join('|')})` });
    } else {
      out.push({ path: pointer(issue.path), problem: issue.code });
    }
  }
  return out;
}

/** Deepest nesting a policy needs is four levels (peers → name → min_grading → field). */
const MAX_DEPTH = 8;

/** True when `value` nests deeper than `max`; iterative, so hostile nesting cannot exhaust the stack. */
function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

function refuse(detail: { en: string; es: string }, problems?: PolicyProblem[]): EnlaceError {
  return new EnlaceError('release.policy-invalid', { detail }, problems ? { problems } : undefined);
}

/**
 * Saves `input` as the next version of the policy. `version` and `updated_at` are the node's to
 * give: when present (a policy shown by `policy show --json` and edited) they are ignored.
 */
export async function savePolicy(release: ReleaseService, input: unknown, author: string): Promise<PolicyDocument> {
  if (!isRecord(input)) throw refuse(bothLanguages('policy.not-an-object'));
  // fromEntries defines own properties: a "__proto__" key stays a key (and is refused), never a prototype.
  const rest: Record<string, unknown> = Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'version' && k !== 'updated_at'));
  if (nestsDeeperThan(rest, MAX_DEPTH)) throw refuse(bothLanguages('policy.too-deep', { max: MAX_DEPTH }));
  if (Buffer.byteLength(JSON.stringify(rest)) > MAX_POLICY_BYTES)
    throw refuse(bothLanguages('policy.too-large', { max: MAX_POLICY_BYTES }));
  const problems = policyProblems(rest);
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    const list = shown.map((p) => `${p.path} (${p.problem})`).join('; ');
    const listed =
      problems.length > shown.length
        ? bothLanguages('policy.more-problems', { list, more: problems.length - shown.length })
        : { en: list, es: list };
    const detail = {
      en: bothLanguages('policy.problems', { count: problems.length, list: listed.en }).en,
      es: bothLanguages('policy.problems', { count: problems.length, list: listed.es }).es,
    };
    throw refuse(detail, shown);
  }
  return policyDocument(await release.save(rest, author));
}

/** Reads the JSON text of a policy; malformed JSON is refused with the parser's words. */
export function readPolicyText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new EnlaceError('http.malformed-json', { detail: (e as Error).message.slice(0, 200) });
  }
}
