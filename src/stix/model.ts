/**
 * The STIX 2.1 object model as Enlace sees it: the common properties every object may carry,
 * the lists of types the specification defines, and small helpers that classify an object.
 *
 * Objects stay plain JSON data (what `JSON.parse` returns). Type-specific properties are reached
 * through the index signature; the validator is what guarantees their shape.
 */

/** An external reference (STIX 2.1 §2.5). */
export interface ExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  hashes?: Record<string, string>;
  external_id?: string;
}

/** A granular marking (STIX 2.1 §7.2.3): exactly one of `marking_ref` or `lang`. */
export interface GranularMarking {
  selectors: string[];
  marking_ref?: string;
  lang?: string;
}

/** A kill chain phase (STIX 2.1 §2.8). */
export interface KillChainPhase {
  kill_chain_name: string;
  phase_name: string;
}

/** One entry of an object's `extensions` dictionary. */
export interface ExtensionEntry {
  extension_type?: string;
  [property: string]: unknown;
}

/** Any STIX 2.1 object: SDO, SRO, SCO or meta object, predefined or declared by an extension. */
export interface StixObject {
  type: string;
  id: string;
  spec_version?: string;
  created?: string;
  modified?: string;
  revoked?: boolean;
  created_by_ref?: string;
  object_marking_refs?: string[];
  granular_markings?: GranularMarking[];
  extensions?: Record<string, ExtensionEntry>;
  labels?: string[];
  external_references?: ExternalReference[];
  confidence?: number;
  lang?: string;
  defanged?: boolean;
  [property: string]: unknown;
}

/** STIX Domain Objects defined by STIX 2.1 (§4). */
export const STIX_SDO_TYPES = [
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
] as const;

/** STIX Relationship Objects defined by STIX 2.1 (§5). */
export const STIX_SRO_TYPES = ['relationship', 'sighting'] as const;

/** STIX Cyber-observable Objects defined by STIX 2.1 (§6). */
export const STIX_SCO_TYPES = [
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
] as const;

/** STIX Meta Objects defined by STIX 2.1 (§7). */
export const STIX_META_TYPES = ['language-content', 'marking-definition', 'extension-definition'] as const;

export type SdoType = (typeof STIX_SDO_TYPES)[number];
export type SroType = (typeof STIX_SRO_TYPES)[number];
export type ScoType = (typeof STIX_SCO_TYPES)[number];
export type MetaType = (typeof STIX_META_TYPES)[number];
export type StixType = SdoType | SroType | ScoType | MetaType;

/** Which part of the specification an object belongs to. */
export type StixFamily = 'sdo' | 'sro' | 'sco' | 'meta';

/** The extension types an extension-definition may declare (STIX 2.1 §7.3). */
export const EXTENSION_TYPES = ['new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension'] as const;
export type ExtensionType = (typeof EXTENSION_TYPES)[number];

const FAMILY_OF = new Map<string, StixFamily>([
  ...STIX_SDO_TYPES.map((t) => [t, 'sdo'] as const),
  ...STIX_SRO_TYPES.map((t) => [t, 'sro'] as const),
  ...STIX_SCO_TYPES.map((t) => [t, 'sco'] as const),
  ...STIX_META_TYPES.map((t) => [t, 'meta'] as const),
]);

const NEW_TYPE_FAMILY: Readonly<Record<string, StixFamily>> = {
  'new-sdo': 'sdo',
  'new-sro': 'sro',
  'new-sco': 'sco',
};

/** The family of a type the specification defines, or undefined for any other type. */
export function familyOfType(type: string): StixFamily | undefined {
  return FAMILY_OF.get(type);
}

/** True for the types STIX 2.1 itself defines. */
export function isStixType(type: string): type is StixType {
  return FAMILY_OF.has(type);
}

/**
 * The family of an object: from its type when STIX defines it, else from the `new-sdo` /
 * `new-sco` / `new-sro` entry an extension-declared type carries in `extensions`.
 */
export function familyOf(obj: { type?: unknown; extensions?: unknown }): StixFamily | undefined {
  if (typeof obj.type !== 'string') return undefined;
  const known = FAMILY_OF.get(obj.type);
  if (known !== undefined) return known;
  const exts = obj.extensions;
  if (typeof exts !== 'object' || exts === null || Array.isArray(exts)) return undefined;
  for (const entry of Object.values(exts)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const family = NEW_TYPE_FAMILY[String((entry as ExtensionEntry).extension_type)];
    if (family !== undefined) return family;
  }
  return undefined;
}

type Classifiable = string | { type?: unknown; extensions?: unknown };

function family(x: Classifiable): StixFamily | undefined {
  return typeof x === 'string' ? FAMILY_OF.get(x) : familyOf(x);
}

/** True for SDOs (predefined or `new-sdo`). A bare type string only matches predefined types. */
export function isSdo(x: Classifiable): boolean {
  return family(x) === 'sdo';
}

/** True for SROs (predefined or `new-sro`). */
export function isSro(x: Classifiable): boolean {
  return family(x) === 'sro';
}

/** True for SCOs (predefined or `new-sco`). */
export function isSco(x: Classifiable): boolean {
  return family(x) === 'sco';
}

/** True for STIX meta objects (language-content, marking-definition, extension-definition). */
export function isMeta(x: Classifiable): boolean {
  return family(x) === 'meta';
}

/**
 * The timestamp that names this version of the object: `modified`, else `created`, else null
 * (SCOs and marking definitions are not versioned by `modified`).
 */
export function versionOf(obj: { modified?: unknown; created?: unknown }): string | null {
  if (typeof obj.modified === 'string') return obj.modified;
  if (typeof obj.created === 'string') return obj.created;
  return null;
}
