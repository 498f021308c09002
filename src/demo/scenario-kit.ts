/**
 * Building blocks of the demo scenario: identifiers that never change from one run to the next,
 * fixed timestamps, TLP markings, and small builders that fill in the common STIX properties
 * so that the scenario files read as intelligence rather than boilerplate.
 */
import { createHash } from 'node:crypto';
import {
  GRADING_EXTENSION_ID,
  HANDLING_EXTENSION_ID,
  PHONE_NUMBER_EXTENSION_ID,
  TLP2_MARKING_IDS,
  VEHICLE_EXTENSION_ID,
  scoId,
  type StixObject,
  type TlpLevel,
} from '../stix/index.js';
import type { HandlingCode } from '../stix/definitions/handling.js';
import type { SourceReliability } from '../stix/definitions/grading.js';

/** The two demo nodes, as their identity ids (`identity--uuid`). */
export interface ScenarioNodes {
  usIdentity: string;
  mxIdentity: string;
}

/**
 * A fixed `type--uuid` for a demo SDO/SRO: SHA-256 of `demo:<type>:<seed>` shaped as a UUIDv4,
 * so that a second demo run submits the very same objects and the node sees duplicates.
 */
export function demoId(type: string, seed: string): string {
  const b = createHash('sha256').update(`demo:${type}:${seed}`, 'utf8').digest().subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40; // version 4
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString('hex');
  return `${type}--${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The properties that name a cyber-observable (STIX 2.1 §6 "ID Contributing Properties"). For
 * Enlace's own `phone-number` and `vehicle` they are the number and the plate with its region.
 */
const ID_CONTRIBUTING: Readonly<Record<string, readonly string[]>> = {
  'domain-name': ['value'],
  'email-addr': ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'phone-number': ['value'],
  vehicle: ['license_plate', 'plate_region'],
};

/** The UUIDv5 id of an observable over its ID contributing properties (STIX 2.1 §2.9). */
export function observableId(type: string, props: Record<string, unknown>): string {
  const names = ID_CONTRIBUTING[type];
  if (names === undefined) throw new Error(`no ID contributing properties known for ${type}`);
  return scoId(type, Object.fromEntries(names.map((name) => [name, props[name]])));
}

/** A fixed timestamp in the first days of November 2026 (`day` 1–9, `time` "HH:MM"). */
export function nov(day: number, time: string): string {
  if (!Number.isInteger(day) || day < 1 || day > 9 || !/^[0-2]\d:[0-5]\d$/.test(time)) {
    throw new Error(`demo timestamp out of range: ${day} ${time}`);
  }
  return `2026-11-0${day}T${time}:00.000Z`;
}

/** Who writes a side's objects and in which language their text is. */
export interface Author {
  createdBy: string;
  lang: 'en' | 'es-MX';
}

/** Authorship window of one object: `modified` defaults to `created`. */
export interface When {
  created: string;
  modified?: string;
}

function marking(tlp: TlpLevel): string[] {
  return [TLP2_MARKING_IDS[tlp]];
}

/** An SDO whose type is read from its (already derived) id. */
export function sdo(author: Author, id: string, tlp: TlpLevel, when: When, props: Record<string, unknown>): StixObject {
  const type = id.slice(0, id.indexOf('--'));
  return {
    type,
    spec_version: '2.1',
    id,
    created_by_ref: author.createdBy,
    created: when.created,
    modified: when.modified ?? when.created,
    ...props,
    lang: author.lang,
    object_marking_refs: marking(tlp),
  };
}

/** The fixed id of the relationship `source --type--> target`. */
export function relationshipId(source: string, relationshipType: string, target: string): string {
  return demoId('relationship', `${source}|${relationshipType}|${target}`);
}

/** A relationship; its id comes from its two ends and its type, so it is stable too. */
export function relationship(
  author: Author,
  source: string,
  relationshipType: string,
  target: string,
  tlp: TlpLevel,
  when: When,
): StixObject {
  return sdo(author, relationshipId(source, relationshipType, target), tlp, when, {
    relationship_type: relationshipType,
    source_ref: source,
    target_ref: target,
  });
}

const NEW_SCO_EXTENSION: Readonly<Record<string, string>> = {
  'phone-number': PHONE_NUMBER_EXTENSION_ID,
  vehicle: VEHICLE_EXTENSION_ID,
};

/**
 * A cyber-observable with its UUIDv5 id. Enlace's own SCO types carry the `new-sco` entry of
 * their extension definition, as STIX 2.1 §7.3 requires of types it does not define.
 */
export function sco(type: string, tlp: TlpLevel, props: Record<string, unknown>): StixObject {
  const extensionId = NEW_SCO_EXTENSION[type];
  return {
    type,
    spec_version: '2.1',
    id: observableId(type, props),
    ...props,
    object_marking_refs: marking(tlp),
    ...(extensionId === undefined ? {} : { extensions: { [extensionId]: { extension_type: 'new-sco' } } }),
  };
}

/** An indicator over a STIX pattern, valid from its creation. */
export function indicator(
  author: Author,
  id: string,
  tlp: TlpLevel,
  when: When,
  props: { name: string; description: string; pattern: string; indicator_types: string[] },
): StixObject {
  return sdo(author, id, tlp, when, { ...props, pattern_type: 'stix', pattern_version: '2.1', valid_from: when.created });
}

/** A location of a real place, with its point and its administrative names. */
export interface Place {
  name: string;
  lat: number;
  lon: number;
  city: string;
  area: string;
  country: 'MX' | 'US';
  description?: string;
}

/** UN M49 puts Mexico in Central America and the United States in Northern America. */
const REGION: Readonly<Record<Place['country'], string>> = { MX: 'central-america', US: 'northern-america' };

/** A location SDO for a place. */
export function location(author: Author, id: string, tlp: TlpLevel, when: When, place: Place): StixObject {
  return sdo(author, id, tlp, when, {
    name: place.name,
    ...(place.description === undefined ? {} : { description: place.description }),
    latitude: place.lat,
    longitude: place.lon,
    region: REGION[place.country],
    country: place.country,
    administrative_area: place.area,
    city: place.city,
  });
}

/** The originator's 4x4 grading, written as it is spoken: source reliability then credibility ("B2"). */
export type Grading = `${SourceReliability}${1 | 2 | 3 | 4}`;

/** A copy of an object graded by its originator (Enlace grading property extension). */
export function graded(o: StixObject, grading: Grading): StixObject {
  return {
    ...o,
    extensions: {
      ...o.extensions,
      [GRADING_EXTENSION_ID]: {
        extension_type: 'property-extension',
        source_reliability: grading.slice(0, 1),
        information_credibility: Number(grading.slice(1)),
      },
    },
  };
}

/** A copy of an object that also carries the given marking definitions (handling, releasability). */
export function alsoMarked(o: StixObject, markingRefs: readonly string[]): StixObject {
  return { ...o, object_marking_refs: [...(o.object_marking_refs ?? []), ...markingRefs] };
}

/** A copy of an object whose properties named by `selectors` carry one more marking (STIX granular marking). */
export function markedInPart(o: StixObject, markingRef: string, selectors: readonly string[]): StixObject {
  if (selectors.length === 0) return o;
  return { ...o, granular_markings: [...(o.granular_markings ?? []), { marking_ref: markingRef, selectors: [...selectors] }] };
}

/** What an Enlace handling marking says: a handling code, a releasability list, or both. */
export interface Handling {
  handling_code?: HandlingCode;
  conditions?: string;
  releasable_to?: string[];
}

/**
 * A handling and releasability marking definition of one side. It is TLP:CLEAR itself: what a
 * marking means may be known to anyone who receives something it marks.
 */
export function handlingMarking(author: Author, id: string, created: string, name: string, handling: Handling): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created_by_ref: author.createdBy,
    created,
    name,
    extensions: { [HANDLING_EXTENSION_ID]: { extension_type: 'property-extension', ...handling } },
    object_marking_refs: marking('clear'),
  };
}
