import { PROPOSAL_EXTENSION_ID, PROPOSAL_RESPONSE_EXTENSION_ID } from '../enlace-ids.js';
import { declaresType, defineEnlaceExtension } from './define.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const ANY_ID = { type: 'string', pattern: `^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]--${UUID}$` };

/** STIX property names (§3.3): what a proposal may set or drop is named like any property. */
const PROPERTY_NAME = { type: 'string', pattern: '^[a-z0-9_]{3,250}$' };

// Two exact forms rather than an optional fraction group: schemas with nested quantifiers are
// refused by the schema-safety check (schema-safety.ts), Enlace's own included.
const DATE_TIME = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}';
const TIMESTAMP = { type: 'string', anyOf: [{ pattern: `${DATE_TIME}Z$` }, { pattern: `${DATE_TIME}[.][0-9]{1,9}Z$` }] };

/** At most this many properties set, and as many dropped, by one proposal. */
export const PROPOSAL_MAX_PROPERTIES = 100;
export const PROPOSAL_MAX_RATIONALE = 10_000;
export const PROPOSAL_MAX_REASON = 4_000;

/**
 * New SDO `x-enlace-proposal`: a partner cannot make a version of another node's object (only the
 * originator signs versions of its objects), so it states the change it suggests as an object of
 * its own, which travels, is signed and is audited like any other. Which properties may be
 * proposed is enforced by src/proposals, on both nodes.
 */
export const PROPOSAL_EXTENSION = defineEnlaceExtension({
  id: PROPOSAL_EXTENSION_ID,
  name: 'Enlace proposal',
  description:
    'A change a partner suggests to an object another node originated: top-level properties to set (changes) and ' +
    'to drop (removals) on version target_version of target_ref, with the rationale. Only the originator makes the ' +
    'new version; it answers with an x-enlace-proposal-response.',
  es: {
    name: 'Propuesta de Enlace',
    description:
      'Un cambio que un socio sugiere a un objeto originado por otro nodo: propiedades de primer nivel que se asignan ' +
      '(changes) y que se eliminan (removals) en la versión target_version de target_ref, con su justificación. Solo el ' +
      'originador crea la nueva versión; responde con un x-enlace-proposal-response.',
  },
  extensionTypes: ['new-sdo'],
  schema: {
    type: 'object',
    properties: {
      type: { const: 'x-enlace-proposal' },
      id: { type: 'string', pattern: `^x-enlace-proposal--${UUID}$` },
      target_ref: ANY_ID,
      target_version: TIMESTAMP,
      changes: {
        type: 'object',
        minProperties: 1,
        maxProperties: PROPOSAL_MAX_PROPERTIES,
        propertyNames: PROPERTY_NAME,
      },
      removals: {
        type: 'array',
        minItems: 1,
        maxItems: PROPOSAL_MAX_PROPERTIES,
        uniqueItems: true,
        items: PROPERTY_NAME,
      },
      rationale: { type: 'string', minLength: 1, maxLength: PROPOSAL_MAX_RATIONALE },
      extensions: declaresType(PROPOSAL_EXTENSION_ID, 'new-sdo'),
    },
    required: ['type', 'id', 'target_ref', 'target_version', 'rationale', 'extensions'],
    anyOf: [{ required: ['changes'] }, { required: ['removals'] }],
  },
});

/**
 * New SDO `x-enlace-proposal-response`: the target's originator accepts or rejects a proposal. An
 * accepted proposal names the version it became, which the originator made and signed itself.
 */
export const PROPOSAL_RESPONSE_EXTENSION = defineEnlaceExtension({
  id: PROPOSAL_RESPONSE_EXTENSION_ID,
  name: 'Enlace proposal response',
  description:
    "The originator's answer to an x-enlace-proposal about one of its objects: accepted, with the version " +
    '(resulting_version) of target_ref it made from it, or rejected, with the reason.',
  es: {
    name: 'Respuesta a propuesta de Enlace',
    description:
      'La respuesta del originador a un x-enlace-proposal sobre uno de sus objetos: aceptada, con la versión ' +
      '(resulting_version) de target_ref que creó a partir de ella, o rechazada, con el motivo.',
  },
  extensionTypes: ['new-sdo'],
  schema: {
    type: 'object',
    properties: {
      type: { const: 'x-enlace-proposal-response' },
      id: { type: 'string', pattern: `^x-enlace-proposal-response--${UUID}$` },
      proposal_ref: { type: 'string', pattern: `^x-enlace-proposal--${UUID}$` },
      target_ref: ANY_ID,
      decision: { enum: ['accepted', 'rejected'] },
      reason: { type: 'string', minLength: 1, maxLength: PROPOSAL_MAX_REASON },
      resulting_version: TIMESTAMP,
      extensions: declaresType(PROPOSAL_RESPONSE_EXTENSION_ID, 'new-sdo'),
    },
    required: ['type', 'id', 'proposal_ref', 'target_ref', 'decision', 'extensions'],
    // An acceptance names the version it produced; a rejection produced none and says why.
    if: { properties: { decision: { const: 'accepted' } }, required: ['decision'] },
    then: { required: ['resulting_version'] },
    else: { required: ['reason'], not: { required: ['resulting_version'] } },
  },
});
