import { VEHICLE_EXTENSION_ID } from '../enlace-ids.js';
import { declaresType, defineEnlaceExtension } from './define.js';

/** New SCO `vehicle`: what identifies a vehicle on a trafficking route. */
export const VEHICLE_EXTENSION = defineEnlaceExtension({
  id: VEHICLE_EXTENSION_ID,
  name: 'Enlace vehicle',
  description:
    'Cyber-observable for a road vehicle: licence plate and issuing region (ISO 3166-2, e.g. MX-SIN, US-AZ), ' +
    'VIN (17 characters, no I, O or Q), make, model, colour and model year.',
  es: {
    name: 'Vehículo de Enlace',
    description:
      'Observable para un vehículo terrestre: placa y región emisora (ISO 3166-2, p. ej. MX-SIN, US-AZ), ' +
      'NIV (17 caracteres, sin I, O ni Q), marca, modelo, color y año modelo.',
  },
  extensionTypes: ['new-sco'],
  schema: {
    type: 'object',
    properties: {
      type: { const: 'vehicle' },
      id: { type: 'string', pattern: '^vehicle--' },
      license_plate: { type: 'string', minLength: 1, maxLength: 20 },
      plate_region: { type: 'string', pattern: '^[A-Z]{2}(-[A-Z0-9]{1,3})?$' },
      vin: { type: 'string', pattern: '^[A-HJ-NPR-Z0-9]{17}$' },
      make: { type: 'string', minLength: 1 },
      model: { type: 'string', minLength: 1 },
      color: { type: 'string', minLength: 1 },
      year: { type: 'integer', minimum: 1886, maximum: 2100 },
      extensions: declaresType(VEHICLE_EXTENSION_ID, 'new-sco'),
    },
    required: ['type', 'id', 'extensions'],
    anyOf: [{ required: ['license_plate'] }, { required: ['vin'] }],
    dependentRequired: { plate_region: ['license_plate'] },
  },
});
