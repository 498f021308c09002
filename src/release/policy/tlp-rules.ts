/**
 * The TLP and releasability rules, shared by object markings and granular markings: whether a
 * peer may receive what a TLP level or a releasability list marks.
 */
import type { TlpLevel } from '../../stix/index.js';
import type { HandlingMarking } from './markings.js';
import type { PeerReleaseRules, PeerView } from './model.js';
import { reason, type ReleaseReason } from './reasons.js';

const RANK: Readonly<Record<TlpLevel, number>> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/** Rank of a level, least to most restrictive. */
export function tlpRank(level: TlpLevel): number {
  return RANK[level];
}

/** True when a releasability list names the peer, its organisation or its country. */
export function listNamesPeer(list: ReadonlySet<string>, peer: PeerView): boolean {
  return list.has(peer.identityId) || list.has(peer.organisationId) || list.has(peer.country);
}

/** True when a releasability list names the peer's organisation (what AMBER+STRICT requires). */
export function listNamesOrganisation(list: ReadonlySet<string>, peer: PeerView): boolean {
  return list.has(peer.organisationId) || list.has(peer.identityId);
}

/**
 * Judges one TLP level for a peer, pushing the reasons; true when the level may go. `named` says
 * whether the originator names the peer's organisation (AMBER+STRICT needs it).
 */
export function judgeTlp(level: TlpLevel, named: boolean, peer: PeerView, rules: PeerReleaseRules, reasons: ReleaseReason[]): boolean {
  const p = { peer: peer.name };
  let ok: boolean;
  switch (level) {
    case 'red':
      reasons.push(reason('tlp-red.withhold', 'withhold', {}));
      return false; // no ceiling reaches RED; one reason says it all
    case 'amber+strict':
      ok = named;
      reasons.push(
        ok
          ? reason('tlp-amber-strict.release', 'release', { ...p, organisation: peer.organisationId })
          : reason('tlp-amber-strict.withhold', 'withhold', p),
      );
      break;
    case 'amber':
      ok = rules.allow_amber;
      reasons.push(reason(ok ? 'tlp-amber.release' : 'tlp-amber.withhold', ok ? 'release' : 'withhold', p));
      break;
    case 'green':
      ok = rules.allow_green;
      reasons.push(reason(ok ? 'tlp-green.release' : 'tlp-green.withhold', ok ? 'release' : 'withhold', p));
      break;
    default:
      ok = true;
      reasons.push(reason('tlp-clear.release', 'release', {}));
  }
  if (RANK[level] > RANK[rules.ceiling]) {
    reasons.push(reason('ceiling.withhold', 'withhold', { ...p, level: level.toUpperCase(), ceiling: rules.ceiling.toUpperCase() }));
    return false;
  }
  return ok;
}

/** Judges one releasability marking for a peer. */
export function judgeReleasability(m: HandlingMarking, peer: PeerView, reasons: ReleaseReason[]): boolean {
  if (m.releasableTo === undefined) return true;
  const ok = listNamesPeer(m.releasableTo, peer);
  reasons.push(
    reason(ok ? 'releasability.release' : 'releasability.withhold', ok ? 'release' : 'withhold', {
      peer: peer.name,
      marking: m.id,
    }),
  );
  return ok;
}
