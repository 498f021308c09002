/**
 * Everything Enlace declares in STIX about itself: the project identity, its extension
 * definitions (one file each under ./definitions/) and their Spanish translations, plus the
 * registry every node starts from.
 *
 * To add an extension (drone incidents, cases, grading, handling codes…): write
 * `definitions/<name>.ts` with `defineEnlaceExtension({...})` and add it to
 * ENLACE_BUILTIN_EXTENSIONS below. Its id goes in enlace-ids.ts and never changes.
 */
import { ENLACE_DEFINITIONS_CREATED, type BuiltinExtension } from './definitions/define.js';
import { DRONE_ALERT_ACK_EXTENSION, DRONE_INCIDENT_EXTENSION } from './definitions/drone-incident.js';
import { GRADING_EXTENSION } from './definitions/grading.js';
import { HANDLING_EXTENSION } from './definitions/handling.js';
import { NODE_IDENTITY_EXTENSION } from './definitions/node-identity.js';
import { PHONE_NUMBER_EXTENSION } from './definitions/phone-number.js';
import { PROPOSAL_EXTENSION, PROPOSAL_RESPONSE_EXTENSION } from './definitions/proposal.js';
import { SIGNATURE_EXTENSION } from './definitions/signature.js';
import { VEHICLE_EXTENSION } from './definitions/vehicle.js';
import { ENLACE_PROJECT_IDENTITY } from './enlace-ids.js';
import { ExtensionRegistry } from './extensions.js';
import type { ValidationIssue } from './issues.js';
import type { StixObject } from './model.js';
import { TLP_EXTENSION_DEFINITION, TLP_EXTENSION_SCHEMA } from './tlp.js';
import { uuidV5 } from './uuid.js';

export type { BuiltinExtension } from './definitions/define.js';
export { ENLACE_DEFINITIONS_CREATED, defineEnlaceExtension } from './definitions/define.js';

/** Enlace's own extensions, in the order nodes register them. */
export const ENLACE_BUILTIN_EXTENSIONS: readonly BuiltinExtension[] = [
  SIGNATURE_EXTENSION,
  PHONE_NUMBER_EXTENSION,
  VEHICLE_EXTENSION,
  NODE_IDENTITY_EXTENSION,
  HANDLING_EXTENSION,
  GRADING_EXTENSION,
  PROPOSAL_EXTENSION,
  PROPOSAL_RESPONSE_EXTENSION,
  DRONE_INCIDENT_EXTENSION,
  DRONE_ALERT_ACK_EXTENSION,
];

/** The identity that authors Enlace's extension definitions. */
export const ENLACE_PROJECT_IDENTITY_OBJECT: StixObject = {
  type: 'identity',
  spec_version: '2.1',
  id: ENLACE_PROJECT_IDENTITY,
  created: ENLACE_DEFINITIONS_CREATED,
  modified: ENLACE_DEFINITIONS_CREATED,
  name: 'Enlace project',
  description: 'Authors of the Enlace software and of the STIX extension definitions it declares.',
  identity_class: 'organization',
};

const ES_MX = 'es-MX';
const PROJECT_NAMESPACE = ENLACE_PROJECT_IDENTITY.slice('identity--'.length);

function spanish(target: StixObject, contents: Record<string, string>): StixObject {
  return {
    type: 'language-content',
    spec_version: '2.1',
    // Derived from the target's id, so the translation's id is as fixed as the target's.
    id: `language-content--${uuidV5(PROJECT_NAMESPACE, `${target.id}/${ES_MX}`)}`,
    created_by_ref: ENLACE_PROJECT_IDENTITY,
    created: ENLACE_DEFINITIONS_CREATED,
    modified: ENLACE_DEFINITIONS_CREATED,
    object_ref: target.id,
    object_modified: String(target.modified),
    contents: { [ES_MX]: contents },
  };
}

/** Mexican Spanish (`es-MX`) language-content for the project identity and every definition. */
export const ENLACE_TRANSLATIONS: readonly StixObject[] = [
  spanish(ENLACE_PROJECT_IDENTITY_OBJECT, {
    name: 'Proyecto Enlace',
    description: 'Autores del software Enlace y de las definiciones de extensión STIX que declara.',
  }),
  ...ENLACE_BUILTIN_EXTENSIONS.map((b) => spanish(b.definition, { name: b.es.name, description: b.es.description })),
];

/** Every STIX object Enlace itself publishes, for seeding a node's store. */
export const ENLACE_BUILTIN_OBJECTS: readonly StixObject[] = [
  ENLACE_PROJECT_IDENTITY_OBJECT,
  ...ENLACE_BUILTIN_EXTENSIONS.map((b) => b.definition),
  ...ENLACE_TRANSLATIONS,
];

/**
 * Registers the built-in definitions (Enlace's and the OASIS TLP 2.0 one) in `registry`, pinned
 * so that no received definition can replace them. Returns problems (none expected).
 */
export function registerBuiltins(registry: ExtensionRegistry): ValidationIssue[] {
  const issues = registry.register(TLP_EXTENSION_DEFINITION, {
    schema: TLP_EXTENSION_SCHEMA,
    appliesTo: ['marking-definition'],
    pinned: true,
  });
  for (const b of ENLACE_BUILTIN_EXTENSIONS) {
    const options = b.appliesTo === undefined ? { pinned: true } : { pinned: true, appliesTo: b.appliesTo };
    issues.push(...registry.register(b.definition, options));
  }
  return issues;
}

/** A registry that knows every built-in extension definition. */
export function createDefaultRegistry(): ExtensionRegistry {
  const registry = new ExtensionRegistry();
  const issues = registerBuiltins(registry);
  if (issues.length > 0) throw new Error(`built-in extension definitions are invalid: ${JSON.stringify(issues)}`);
  return registry;
}
