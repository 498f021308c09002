/**
 * What the U.S. node marks beyond TLP, so that its release policy has something to decide: its own
 * handling and releasability markings (H1 and H2 releasable to the Mexico node's organisation, H3
 * for U.S. eyes only), AMBER+STRICT objects that name Mexico's organisation and ones that name no
 * one, its 4x4 grading, properties withheld by granular markings, a later version, and the
 * revocation the demo sends after the first sync.
 */
import { TLP2_MARKING_IDS, tlpLevelOf, tlpLevelOfMarking, type StixObject, type TlpLevel } from '../stix/index.js';
import {
  alsoMarked,
  demoId,
  graded,
  handlingMarking,
  markedInPart,
  nov,
  relationship,
  sdo,
  type Author,
  type Grading,
  type ScenarioNodes,
} from './scenario-kit.js';
import { US, usBody, usProcurementLeads, usReport, usSourceNote } from './scenario-us.js';
import { US_INDICATOR, US_OBSERVATION } from './scenario-us-signals.js';

/** The U.S. node's handling and releasability markings. */
export const US_MARKING = {
  /** H1 (not for court without permission), releasable to the Mexico node's organisation. */
  mexicoH1: demoId('marking-definition', 'us:h1-releasable-to-mx-node'),
  /** H2 (no onward dissemination without permission), releasable to the Mexico node's organisation. */
  mexicoH2: demoId('marking-definition', 'us:h2-releasable-to-mx-node'),
  /** H3 with its conditions, releasable to the United States only. */
  usOnly: demoId('marking-definition', 'us:h3-releasable-to-us-only'),
} as const;

/** Objects of the U.S. node that exist to exercise its release policy. */
export const US_RELEASE = {
  /** AMBER+STRICT naming Mexico's organisation: goes to Mexico. */
  transferYard: demoId('infrastructure', 'nogales-sonora-transfer-yard'),
  /** AMBER at first, then AMBER+STRICT for U.S. eyes only: no version of it goes. */
  poleCamera: demoId('note', 'us:west-phoenix-pole-camera'),
  /** AMBER, but releasable to the United States only: stays. */
  controlledBuy: demoId('incident', 'us:west-phoenix-controlled-buy-2026-11-06'),
  /** Graded C4: an unconfirmed tip, released with its grading for the partner to weigh. */
  anonymousTip: demoId('note', 'us:anonymous-tip-sasabe'),
} as const;

/** The object the U.S. node revokes after the first sync of the demo. */
export const US_REVOKED_ID = US_INDICATOR.phonePhoenix;

/** The later version of the Nogales coordinator line (both versions travel). */
const NOGALES_V2 = nov(6, '10:00');

function markings(us: Author, nodes: ScenarioNodes): StixObject[] {
  const at = nov(1, '08:00');
  return [
    handlingMarking(us, US_MARKING.mexicoH1, at, 'H1, releasable to the Mexico node (demo)', {
      handling_code: 'H1',
      releasable_to: [nodes.mxIdentity],
    }),
    handlingMarking(us, US_MARKING.mexicoH2, at, 'H2, releasable to the Mexico node (demo)', {
      handling_code: 'H2',
      releasable_to: [nodes.mxIdentity],
    }),
    handlingMarking(us, US_MARKING.usOnly, at, 'H3, U.S. only (demo)', {
      handling_code: 'H3',
      conditions: 'U.S. law-enforcement use only: protects an ongoing undercover operation. Ask the Desert Corridor task force.',
      releasable_to: ['US'],
    }),
  ];
}

function releaseObjects(us: Author): StixObject[] {
  const forMexico = [US_MARKING.mexicoH1];
  const poleCamera = {
    abstract: 'Pole camera on the west Phoenix stash house (demo)',
    content:
      'A pole camera has covered the west Phoenix stash house since 5 November 2026. Loads arrive between ' +
      '01:00 and 03:00, usually in the black Silverado.',
    authors: ['Det. R. Alvarado (demo)'],
    object_refs: [US.stashHouse],
  };
  return [
    alsoMarked(
      sdo(
        us,
        US_RELEASE.transferYard,
        'amber+strict',
        { created: nov(5, '09:00') },
        {
          name: 'Transfer yard, Nogales, Sonora (demo)',
          description:
            'Fenced lot on the south side of Nogales, Sonora, where loads move from pickups into crossing ' +
            "vehicles. Shared with the Mexico unit to act on; not for court without the task force's permission.",
          infrastructure_types: ['staging'],
          first_seen: '2026-10-12T00:00:00Z',
        },
      ),
      forMexico,
    ),
    alsoMarked(relationship(us, US.losArcos, 'uses', US_RELEASE.transferYard, 'amber+strict', { created: nov(5, '09:10') }), forMexico),
    sdo(us, US_RELEASE.poleCamera, 'amber', { created: nov(5, '08:00') }, poleCamera),
    // Re-marked once the camera became part of an undercover operation: no version of it may leave.
    alsoMarked(
      sdo(
        us,
        US_RELEASE.poleCamera,
        'amber+strict',
        { created: nov(5, '08:00'), modified: nov(6, '09:00') },
        {
          ...poleCamera,
          content: `${poleCamera.content} The camera is now part of an undercover operation.`,
        },
      ),
      [US_MARKING.usOnly],
    ),
    alsoMarked(
      sdo(
        us,
        US_RELEASE.controlledBuy,
        'amber',
        { created: nov(6, '20:00') },
        {
          name: 'Controlled buy from the Phoenix cell (demo)',
          description:
            'An undercover officer bought 2,000 blue "M30" pills from the Phoenix distribution cell on ' +
            '6 November 2026; the pills match the DeConcini seizure.',
        },
      ),
      [US_MARKING.usOnly],
    ),
    sdo(
      us,
      US_RELEASE.anonymousTip,
      'amber',
      { created: nov(6, '21:00') },
      {
        abstract: 'Anonymous tip: loads through Sásabe (demo)',
        content:
          'An anonymous caller to the tip line says that Los Arcos will move loads through the Sásabe port of ' +
          'entry while Nogales is watched. Not corroborated.',
        object_refs: [US.losArcos],
      },
    ),
  ];
}

/** The task force's grading of its own intelligence, by type; identities, places and links are not graded. */
const GRADING_BY_TYPE: Readonly<Record<string, Grading>> = {
  incident: 'A1',
  'observed-data': 'A1',
  indicator: 'B2',
  infrastructure: 'B2',
  'threat-actor': 'B2',
  campaign: 'B3',
  report: 'B2',
  grouping: 'B3',
  note: 'B2',
};
const GRADING_OF: Readonly<Record<string, Grading>> = {
  [US_RELEASE.anonymousTip]: 'C4',
  [US_INDICATOR.brokerDomain]: 'X3',
  [US_INDICATOR.phonePhoenix]: 'B3',
};

function withGrading(o: StixObject): StixObject {
  const g = GRADING_OF[o.id] ?? GRADING_BY_TYPE[o.type];
  return g === undefined ? o : graded(o, g);
}

const TLP_ORDER: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/**
 * A reference names what it refers to. Where the referenced object carries a marking the
 * container does not (a stricter TLP level, a handling or releasability marking), the reference
 * carries it too, as a granular marking — so a partner that may not see the object does not learn
 * its id from the container either.
 */
function referencesMarkedLikeTargets(container: StixObject, latest: ReadonlyMap<string, StixObject>): StixObject {
  const refs = Array.isArray(container.object_refs) ? (container.object_refs as string[]) : [];
  const own = new Set(container.object_marking_refs ?? []);
  const ownRank = TLP_ORDER.indexOf(tlpLevelOf(container) ?? 'clear');
  const selectorsOf = new Map<string, string[]>();
  refs.forEach((ref, i) => {
    for (const m of latest.get(ref)?.object_marking_refs ?? []) {
      const level = tlpLevelOfMarking(m);
      if (own.has(m) || (level !== null && TLP_ORDER.indexOf(level) <= ownRank)) continue;
      selectorsOf.set(m, [...(selectorsOf.get(m) ?? []), `object_refs.[${i}]`]);
    }
  });
  let out = container;
  for (const [m, selectors] of selectorsOf) out = markedInPart(out, m, selectors);
  return out;
}

/** Everything the U.S. node originates for the demo, in the order it is submitted (later versions last). */
export function buildUsObjects(nodes: ScenarioNodes): StixObject[] {
  const us: Author = { createdBy: nodes.usIdentity, lang: 'en' };
  const marked = usBody(us).map((o) => {
    // H2: the partner may use these, not pass them on.
    if (o.id === US_INDICATOR.telegram || o.id === US_OBSERVATION.broker) return alsoMarked(o, [US_MARKING.mexicoH2]);
    // What only U.S. sources know is withheld from the copy the partner receives.
    if (o.id === US_INDICATOR.phoneCuliacan) return markedInPart(o, TLP2_MARKING_IDS.red, ['description']);
    if (o.id === US.losArcos) return markedInPart(o, TLP2_MARKING_IDS['amber+strict'], ['aliases.[1]']);
    return o;
  });
  const body = [...marked, ...releaseObjects(us)];
  const latest = new Map(body.map((o) => [o.id, o]));
  // The report travels to the partner: it never names what is TLP:RED, and names the rest as it is marked.
  const named = [...latest.values()].filter((o) => tlpLevelOf(o) !== 'red').map((o) => o.id);
  const report = referencesMarkedLikeTargets(usReport(us, named), latest);
  const grouping = referencesMarkedLikeTargets(usProcurementLeads(us), latest);
  const nogales = body.find((o) => o.id === US_INDICATOR.phoneNogales);
  if (nogales === undefined) throw new Error('the Nogales coordinator indicator is missing');
  const nogalesV2 = {
    ...nogales,
    modified: NOGALES_V2,
    description: `${String(nogales.description)} On 6 November it also called the driver stopped at Lukeville.`,
  };
  const originated = [...body, usSourceNote(us), report, grouping, nogalesV2].map(withGrading);
  return [...markings(us, nodes), ...originated];
}

/**
 * The revocation the U.S. node sends after the first sync: the Phoenix number was reassigned to a
 * subscriber with no link to the network. A new version with `revoked: true` (STIX 2.1 §3.6).
 */
export function buildUsRevocation(nodes: ScenarioNodes): StixObject {
  const latest = buildUsObjects(nodes)
    .filter((o) => o.id === US_REVOKED_ID)
    .pop();
  if (latest === undefined) throw new Error('the object to revoke is missing');
  return { ...latest, modified: nov(7, '09:00'), revoked: true };
}
