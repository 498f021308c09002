/** Why a Remote ID payload was refused, in both languages; registered as namespace "remote-id". */
export const remoteIdMessages = {
  en: {
    'decode.length': 'Remote ID message must be {{expected}} bytes long; it has {{actual}}.',
    'decode.unknown-type': 'Unknown Remote ID message type {{messageType}}.',
    'decode.reserved-value': 'Field {{field}} holds the reserved or invalid value {{value}}.',
    'decode.invalid-text': 'Field {{field}} is not NUL-padded printable ASCII.',
    'decode.latitude-range': 'Latitude {{value}} lies outside ±90°.',
    'decode.longitude-range': 'Longitude {{value}} lies outside ±180°.',
    'decode.pack-message-size': 'Message pack declares messages of {{actual}} bytes; only {{expected}} is valid.',
    'decode.pack-count': 'Message pack declares {{count}} messages; it may hold 1 to {{max}}.',
    'decode.pack-length': 'Message pack declares {{count}} messages ({{expected}} bytes) but carries {{actual}} bytes.',
    'decode.pack-nested': 'A message pack may not contain another message pack.',
    'decode.in-pack': 'Message {{index}} of the pack: {{detail}}',
  },
  es: {
    'decode.length': 'El mensaje de Remote ID debe medir {{expected}} bytes; mide {{actual}}.',
    'decode.unknown-type': 'Tipo de mensaje de Remote ID desconocido: {{messageType}}.',
    'decode.reserved-value': 'El campo {{field}} tiene el valor reservado o inválido {{value}}.',
    'decode.invalid-text': 'El campo {{field}} no es ASCII imprimible rellenado con NUL.',
    'decode.latitude-range': 'La latitud {{value}} está fuera de ±90°.',
    'decode.longitude-range': 'La longitud {{value}} está fuera de ±180°.',
    'decode.pack-message-size': 'El paquete declara mensajes de {{actual}} bytes; solo {{expected}} es válido.',
    'decode.pack-count': 'El paquete declara {{count}} mensajes; puede contener de 1 a {{max}}.',
    'decode.pack-length': 'El paquete declara {{count}} mensajes ({{expected}} bytes) pero trae {{actual}} bytes.',
    'decode.pack-nested': 'Un paquete de mensajes no puede contener otro paquete.',
    'decode.in-pack': 'Mensaje {{index}} del paquete: {{detail}}',
  },
} as const satisfies { en: Record<string, string>; es: Record<string, string> };

export type RemoteIdMessageCode = keyof typeof remoteIdMessages.en;
