/**
 * How Enlace declares its own extensions: each one is a file in this folder calling
 * `defineEnlaceExtension`, listed once in `../enlace-definitions.ts`.
 */
import { ENLACE_PROJECT_IDENTITY } from '../enlace-ids.js';
import type { ExtensionType, StixObject } from '../model.js';

/** `created`/`modified` of the 1.0.0 definitions; a new version of a definition gets a new `modified`. */
export const ENLACE_DEFINITIONS_CREATED = '2026-11-01T00:00:00.000Z';

/** The JSON Schema dialect of Enlace's schemas. */
export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** A built-in extension: its STIX definition plus what Enlace alone knows about it. */
export interface BuiltinExtension {
  readonly definition: StixObject;
  /** The same JSON Schema that `definition.schema` holds as text. */
  readonly schema: Record<string, unknown>;
  /** Object types a property extension may be attached to; absent means any. */
  readonly appliesTo?: readonly string[];
  /** Mexican Spanish name and description (published as language-content). */
  readonly es: { readonly name: string; readonly description: string };
}

export interface EnlaceExtensionSpec {
  id: string;
  name: string;
  description: string;
  extensionTypes: readonly ExtensionType[];
  schema: Record<string, unknown>;
  appliesTo?: readonly string[];
  es: { name: string; description: string };
  version?: string;
  modified?: string;
}

/** Builds the full STIX extension-definition object for one of Enlace's extensions. */
export function defineEnlaceExtension(spec: EnlaceExtensionSpec): BuiltinExtension {
  const schema = { $schema: SCHEMA_DIALECT, ...spec.schema };
  const definition: StixObject = {
    type: 'extension-definition',
    spec_version: '2.1',
    id: spec.id,
    created_by_ref: ENLACE_PROJECT_IDENTITY,
    created: ENLACE_DEFINITIONS_CREATED,
    modified: spec.modified ?? ENLACE_DEFINITIONS_CREATED,
    name: spec.name,
    description: spec.description,
    schema: JSON.stringify(schema),
    version: spec.version ?? '1.0.0',
    extension_types: [...spec.extensionTypes],
  };
  return spec.appliesTo === undefined
    ? { definition, schema, es: spec.es }
    : { definition, schema, appliesTo: spec.appliesTo, es: spec.es };
}

/** Schema fragment requiring the `extensions` entry that declares a new object type. */
export function declaresType(extensionId: string, extensionType: 'new-sdo' | 'new-sco' | 'new-sro'): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      [extensionId]: {
        type: 'object',
        properties: { extension_type: { const: extensionType } },
        required: ['extension_type'],
      },
    },
    required: [extensionId],
  };
}
