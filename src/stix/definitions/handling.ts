import { HANDLING_EXTENSION_ID } from '../enlace-ids.js';
import { defineEnlaceExtension } from './define.js';
import { ISO_3166_ALPHA2 } from './iso3166.js';

/** Handling codes of law-enforcement exchange practice. */
export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];

const IDENTITY_ID = '^identity--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';

/**
 * On a marking definition: the handling code the originator sets (H0 only to prevent and combat
 * crime; H1 not for court without the originator's permission; H2 no onward dissemination without
 * it; H3 other conditions, stated in text) and/or the identities and countries the marked content
 * may be released to. A marking may carry either or both; one of them is required.
 */
export const HANDLING_EXTENSION = defineEnlaceExtension({
  id: HANDLING_EXTENSION_ID,
  name: 'Enlace handling and releasability',
  description:
    'Property extension on marking-definition: handling code H0-H3 (H3 with its conditions as text) and a ' +
    'releasability list of identity ids and ISO 3166-1 alpha-2 country codes the marked content may be released to.',
  es: {
    name: 'Manejo y difusión de Enlace',
    description:
      'Extensión de propiedades de marking-definition: código de manejo H0-H3 (H3 con sus condiciones en texto) y una ' +
      'lista de difusión de identificadores de identity y códigos de país ISO 3166-1 alfa-2 a los que puede entregarse el contenido marcado.',
  },
  extensionTypes: ['property-extension'],
  appliesTo: ['marking-definition'],
  schema: {
    type: 'object',
    properties: {
      extension_type: { const: 'property-extension' },
      handling_code: { enum: [...HANDLING_CODES] },
      conditions: { type: 'string', minLength: 1, maxLength: 4000 },
      releasable_to: {
        type: 'array',
        minItems: 1,
        maxItems: 1000,
        uniqueItems: true,
        items: { anyOf: [{ type: 'string', pattern: IDENTITY_ID }, { enum: ISO_3166_ALPHA2 }] },
      },
    },
    required: ['extension_type'],
    anyOf: [{ required: ['handling_code'] }, { required: ['releasable_to'] }],
    // H3 means "other conditions": they must be written down, and only H3 has them.
    if: { properties: { handling_code: { const: 'H3' } }, required: ['handling_code'] },
    then: { required: ['conditions'] },
    else: { not: { required: ['conditions'] } },
    additionalProperties: false,
  },
});
