import { PHONE_NUMBER_EXTENSION_ID } from '../enlace-ids.js';
import { declaresType, defineEnlaceExtension } from './define.js';
import { COUNTRY_SCHEMA } from './iso3166.js';

/** New SCO `phone-number`: a number in E.164 form, with its country and carrier when known. */
export const PHONE_NUMBER_EXTENSION = defineEnlaceExtension({
  id: PHONE_NUMBER_EXTENSION_ID,
  name: 'Enlace phone-number',
  description: 'Cyber-observable for a telephone number in E.164 form (+ and 7 to 15 digits).',
  es: {
    name: 'Número telefónico de Enlace',
    description: 'Observable para un número telefónico en formato E.164 (+ y de 7 a 15 dígitos).',
  },
  extensionTypes: ['new-sco'],
  schema: {
    type: 'object',
    properties: {
      type: { const: 'phone-number' },
      id: { type: 'string', pattern: '^phone-number--' },
      value: { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$' },
      country: COUNTRY_SCHEMA,
      carrier: { type: 'string', minLength: 1 },
      extensions: declaresType(PHONE_NUMBER_EXTENSION_ID, 'new-sco'),
    },
    required: ['type', 'id', 'value', 'extensions'],
  },
});
