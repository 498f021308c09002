import { NODE_IDENTITY_EXTENSION_ID } from '../enlace-ids.js';
import { defineEnlaceExtension } from './define.js';
import { COUNTRY_SCHEMA } from './iso3166.js';

/** On an identity: the country a node or agency belongs to, and whether it is an Enlace node. */
export const NODE_IDENTITY_EXTENSION = defineEnlaceExtension({
  id: NODE_IDENTITY_EXTENSION_ID,
  name: 'Enlace node identity',
  description: 'Property extension on identity: the country (ISO 3166-1 alpha-2) of the node or agency, and whether it is an Enlace node.',
  es: {
    name: 'Identidad de nodo de Enlace',
    description: 'Extensión de propiedades de identity: el país (ISO 3166-1 alfa-2) del nodo o la dependencia, y si es un nodo de Enlace.',
  },
  extensionTypes: ['property-extension'],
  appliesTo: ['identity'],
  schema: {
    type: 'object',
    properties: {
      extension_type: { const: 'property-extension' },
      country: COUNTRY_SCHEMA,
      node: { type: 'boolean' },
    },
    required: ['extension_type', 'country'],
    additionalProperties: false,
  },
});
