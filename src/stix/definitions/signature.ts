import { SIGNATURE_EXTENSION_ID } from '../enlace-ids.js';
import { defineEnlaceExtension } from './define.js';

/** The originator's detached JWS (RFC 7515, Ed25519) over the object's canonical JSON. */
export const SIGNATURE_EXTENSION = defineEnlaceExtension({
  id: SIGNATURE_EXTENSION_ID,
  name: 'Enlace signature',
  description: 'Detached JWS (Ed25519 over RFC 8785 canonical JSON) by which the originating node signs the object.',
  es: {
    name: 'Firma de Enlace',
    description: 'JWS separado (Ed25519 sobre JSON canónico RFC 8785) con el que el nodo de origen firma el objeto.',
  },
  extensionTypes: ['property-extension'],
  schema: {
    type: 'object',
    properties: {
      extension_type: { const: 'property-extension' },
      signer: { type: 'string', pattern: '^identity--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' },
      key_fingerprint: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      jws: { type: 'string', pattern: '^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$' },
    },
    required: ['extension_type', 'signer', 'key_fingerprint', 'jws'],
    additionalProperties: false,
  },
});
