import { GRADING_EXTENSION_ID } from '../enlace-ids.js';
import { defineEnlaceExtension } from './define.js';

/** Source reliability, most to least reliable (X: cannot be assessed). */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'X'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];

/**
 * The "4x4" grading the originator sets on an object: how reliable the source is (A always, B
 * mostly, C not, X cannot be assessed) and how credible the information is (1 known to be true
 * without reservation, 2 known personally to the source, 3 not known personally but corroborated,
 * 4 cannot be assessed).
 */
export const GRADING_EXTENSION = defineEnlaceExtension({
  id: GRADING_EXTENSION_ID,
  name: 'Enlace grading',
  description: "Property extension: the originator's 4x4 grading, source reliability A/B/C/X and information credibility 1-4.",
  es: {
    name: 'Evaluación de Enlace',
    description:
      'Extensión de propiedades: la evaluación 4x4 del originador, confiabilidad de la fuente A/B/C/X y credibilidad de la información 1-4.',
  },
  extensionTypes: ['property-extension'],
  schema: {
    type: 'object',
    properties: {
      extension_type: { const: 'property-extension' },
      source_reliability: { enum: [...SOURCE_RELIABILITY] },
      information_credibility: { type: 'integer', minimum: 1, maximum: 4 },
    },
    required: ['extension_type', 'source_reliability', 'information_credibility'],
    additionalProperties: false,
  },
});
