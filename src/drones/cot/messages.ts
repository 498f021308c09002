/** Why a Cursor-on-Target event was refused, in both languages; registered as namespace "cot". */
export const cotMessages = {
  en: {
    'reject.not-xml': 'The payload is not an XML document.',
    'reject.malformed': 'The XML is malformed: {{detail}}',
    'reject.doctype': 'DOCTYPE and ENTITY declarations are refused; CoT never needs them.',
    'reject.too-large': 'The event is {{actual}} bytes; at most {{max}} are accepted.',
    'reject.too-deep': 'Elements are nested more than {{max}} levels deep.',
    'reject.root': 'The root element is <{{root}}>; a CoT event must be <event>.',
    'reject.missing-field': 'Required field {{field}} is missing.',
    'reject.invalid-field': 'Field {{field}} holds an invalid value: {{value}}',
    'reject.latitude-range': 'Latitude {{value}} lies outside ±90°.',
    'reject.longitude-range': 'Longitude {{value}} lies outside ±180°.',
    'reject.time-future': 'The event time {{time}} lies more than {{seconds}} s in the future.',
    'reject.stale': 'The event went stale at {{stale}}, before it arrived.',
    'reject.stale-before-start': 'The event goes stale ({{stale}}) before it starts ({{start}}).',
  },
  es: {
    'reject.not-xml': 'El contenido no es un documento XML.',
    'reject.malformed': 'El XML está mal formado: {{detail}}',
    'reject.doctype': 'Se rechazan las declaraciones DOCTYPE y ENTITY; CoT nunca las necesita.',
    'reject.too-large': 'El evento mide {{actual}} bytes; se aceptan como máximo {{max}}.',
    'reject.too-deep': 'Los elementos están anidados a más de {{max}} niveles.',
    'reject.root': 'El elemento raíz es <{{root}}>; un evento CoT debe ser <event>.',
    'reject.missing-field': 'Falta el campo obligatorio {{field}}.',
    'reject.invalid-field': 'El campo {{field}} tiene un valor inválido: {{value}}',
    'reject.latitude-range': 'La latitud {{value}} está fuera de ±90°.',
    'reject.longitude-range': 'La longitud {{value}} está fuera de ±180°.',
    'reject.time-future': 'La hora del evento {{time}} está más de {{seconds}} s en el futuro.',
    'reject.stale': 'El evento caducó el {{stale}}, antes de llegar.',
    'reject.stale-before-start': 'El evento caduca ({{stale}}) antes de empezar ({{start}}).',
  },
} as const satisfies { en: Record<string, string>; es: Record<string, string> };

export type CotMessageKey = keyof typeof cotMessages.en;
