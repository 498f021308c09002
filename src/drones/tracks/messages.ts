/** Why the track book refused a detection, in both languages; registered as namespace "drones-tracks". */
export const tracksMessages = {
  en: {
    'reject.not-object': 'The detection is not an object.',
    'reject.invalid-field': 'Field {{field}} holds an invalid value: {{value}}',
    'reject.too-long': 'Field {{field}} is {{actual}} characters long; at most {{max}} are accepted.',
    'reject.position': 'Position {{lat}}, {{lon}} is not a WGS-84 position.',
    'reject.full': 'The track book already holds {{max}} tracks; no new track can be opened.',
    'reject.duplicate-id': 'The new track id {{id}} is already in use.',
  },
  es: {
    'reject.not-object': 'La detección no es un objeto.',
    'reject.invalid-field': 'El campo {{field}} tiene un valor inválido: {{value}}',
    'reject.too-long': 'El campo {{field}} mide {{actual}} caracteres; se aceptan como máximo {{max}}.',
    'reject.position': 'La posición {{lat}}, {{lon}} no es una posición WGS-84.',
    'reject.full': 'El libro de trazas ya contiene {{max}} trazas; no se puede abrir ninguna nueva.',
    'reject.duplicate-id': 'El identificador de traza nuevo {{id}} ya está en uso.',
  },
} as const satisfies { en: Record<string, string>; es: Record<string, string> };

export type TracksMessageKey = keyof typeof tracksMessages.en;
