/**
 * Which properties a redacted copy lacks, found by comparing the stored object with the copy that
 * is sent — not by re-reading the markings — so a preview shows what really leaves. Paths are
 * STIX selectors into the stored object (`description`, `external_references.[0]`).
 */
import { isDeepStrictEqual } from 'node:util';
import { SIGNATURE_EXTENSION_ID } from '../stix/index.js';
import { selectorText, type Segment } from './policy/index.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The object without what is expected to differ between the stored object and what is sent: the
 * signature (a redacted copy is signed again by this node) and the granular markings (re-pointed
 * at the copy, or dropped with what they marked).
 */
function comparable(o: unknown): unknown {
  if (!isRecord(o)) return o;
  const out: Record<string, unknown> = { ...o };
  delete out['granular_markings'];
  if (isRecord(out['extensions'])) {
    const exts: Record<string, unknown> = { ...out['extensions'] };
    delete exts[SIGNATURE_EXTENSION_ID];
    if (Object.keys(exts).length === 0) delete out['extensions'];
    else out['extensions'] = exts;
  }
  return out;
}

/** True when `part` is `whole` with some properties or list entries left out. */
function isPartOf(part: unknown, whole: unknown): boolean {
  if (isRecord(part) && isRecord(whole)) {
    return Object.keys(part).every((k) => Object.hasOwn(whole, k) && isPartOf(part[k], whole[k]));
  }
  if (Array.isArray(part) && Array.isArray(whole)) {
    let j = 0;
    for (const w of whole) if (j < part.length && isPartOf(part[j], w)) j++;
    return j === part.length;
  }
  return isDeepStrictEqual(part, whole);
}

function collect(stored: unknown, sent: unknown, path: Segment[], out: Segment[][]): void {
  if (isDeepStrictEqual(stored, sent)) return;
  if (isRecord(stored) && isRecord(sent)) {
    for (const key of Object.keys(stored)) {
      if (!Object.hasOwn(sent, key)) out.push([...path, key]);
      else collect(stored[key], sent[key], [...path, key], out);
    }
    return;
  }
  if (Array.isArray(stored) && Array.isArray(sent)) {
    // Redaction removes entries and keeps the order of the rest: walk both lists together.
    let j = 0;
    stored.forEach((entry, i) => {
      if (j < sent.length && isPartOf(sent[j], entry)) {
        collect(entry, sent[j], [...path, i], out);
        j++;
      } else out.push([...path, i]);
    });
    return;
  }
  // A value replaced rather than removed: what was stored did not go.
  out.push(path);
}

/** Selectors of the properties of `stored` that `sent` does not carry, in the stored object's order. */
export function withheldProperties(stored: unknown, sent: unknown): string[] {
  const out: Segment[][] = [];
  collect(comparable(stored), comparable(sent), [], out);
  return out.filter((p) => p.length > 0).map(selectorText);
}
