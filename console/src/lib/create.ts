/**
 * The "new object" form: what an analyst fills in, and the STIX object POST /console/api/objects
 * takes for it (the node adds id, timestamps, spec_version, its identity and signature).
 */
import { GRADING_EXTENSION_ID, TLP2_MARKING_IDS } from './stix.js';
import type { TlpLevel } from './types.js';

export const CREATE_TYPES = ['indicator', 'threat-actor', 'malware', 'campaign', 'infrastructure'] as const;
export type CreateType = (typeof CREATE_TYPES)[number];

export interface CreateDraft {
  type: CreateType;
  name: string;
  description: string;
  /** STIX pattern; indicators only. */
  pattern: string;
  marking: TlpLevel;
  /** '' for none, else "B2". */
  grading: string;
  /** Comma-separated. */
  labels: string;
  /** Malware only: a family rather than one sample. */
  isFamily: boolean;
}

export const EMPTY_DRAFT: CreateDraft = {
  type: 'indicator',
  name: '',
  description: '',
  pattern: '',
  marking: 'amber',
  grading: '',
  labels: '',
  isFamily: false,
};

export type CreateProblem = 'name-required' | 'pattern-required' | 'pattern-brackets';

/** What must be fixed before sending; the node checks the rest and says what it refuses. */
export function createProblems(d: CreateDraft): CreateProblem[] {
  const out: CreateProblem[] = [];
  if (d.name.trim() === '') out.push('name-required');
  if (d.type === 'indicator') {
    const p = d.pattern.trim();
    if (p === '') out.push('pattern-required');
    else if (!p.startsWith('[') || !p.endsWith(']')) out.push('pattern-brackets');
  }
  return out;
}

export function createBody(d: CreateDraft, now: Date): Record<string, unknown> {
  const body: Record<string, unknown> = { type: d.type, name: d.name.trim() };
  if (d.description.trim() !== '') body['description'] = d.description.trim();
  const labels = [
    ...new Set(
      d.labels
        .split(',')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    ),
  ];
  if (labels.length > 0) body['labels'] = labels;
  if (d.type === 'indicator') {
    body['pattern'] = d.pattern.trim();
    body['pattern_type'] = 'stix';
    body['valid_from'] = now.toISOString();
  }
  if (d.type === 'malware') body['is_family'] = d.isFamily;
  body['object_marking_refs'] = [TLP2_MARKING_IDS[d.marking]];
  const g = /^([ABCX])([1-4])$/.exec(d.grading);
  if (g) {
    body['extensions'] = {
      [GRADING_EXTENSION_ID]: { extension_type: 'property-extension', source_reliability: g[1], information_credibility: Number(g[2]) },
    };
  }
  return body;
}
