/**
 * What an alert says to the person on duty, in both languages; registered as namespace
 * `drones-alerts`. Data only: the i18n module imports this file, so rendering lives in render.ts
 * (importing i18n from here would be an import cycle).
 *
 * Every rule has a title with a place and a `.bare` one without, because a partner's incident
 * may not name a port and a half-filled sentence ("near .") reads worse than a shorter one.
 */
export const alertsMessages = {
  en: {
    'rule.crossing': 'Border crossing',
    'rule.approach': 'Approach to the border',
    'rule.geofence': 'Restricted zone',
    'rule.payload-drop': 'Payload drop',
    'rule.loitering': 'Loitering',

    'title.crossing': 'Drone crossed into {{to}} near {{place}}',
    'title.crossing.bare': 'Drone crossed into {{to}}',
    'title.crossing.no-side': 'Drone crossed the border near {{place}}',
    'title.crossing.no-side.bare': 'Drone crossed the border',
    'title.approach': 'Drone approaching the border near {{place}}',
    'title.approach.bare': 'Drone approaching the border',
    'title.geofence': 'Drone entered a protected zone near {{place}}',
    'title.geofence.bare': 'Drone entered a protected zone',
    'title.geofence.site': 'Drone entered the protected site {{zone}}',
    'title.geofence.port': 'Drone entered the protected zone around {{zone}}',
    'title.payload-drop': 'Possible payload drop near {{place}}',
    'title.payload-drop.bare': 'Possible payload drop',
    'title.loitering': 'Drone loitering near {{place}}',
    'title.loitering.bare': 'Drone loitering near the border',

    'place.port-city': '{{port}} ({{portCity}})',
    'country.US': 'the United States',
    'country.MX': 'Mexico',

    'origin.US': 'Detected by U.S. sensors.',
    'origin.MX': "Detected by Mexico's sensors.",
    'origin.other': "Detected by {{country}}'s sensors.",
    'origin.peer': 'Shared by the partner node {{peer}}.',
    'fact.km': '{{km}} km from the border line.',
    'fact.side.US': 'On the U.S. side.',
    'fact.side.MX': 'On the Mexican side.',
    'fact.port-distance': '{{km}} km from the port of entry.',
    'fact.predicted': 'Expected to reach the line in about {{minutes}} min.',
    'fact.city': 'In {{city}}.',
    'fact.descent': 'Dropped {{metres}} m in {{seconds}} s.',
    'fact.climb': 'Climbed {{metres}} m in {{seconds}} s right after hovering.',
    'fact.altitude': 'Now at {{altM}} m.',
    'fact.loiter': 'Stayed within {{radiusM}} m for {{minutes}} min.',
    'fact.minutes': 'For {{minutes}} min.',

    'status.open': 'Not yet acknowledged',
    'status.level2': 'Escalated: nobody has acknowledged for {{minutes}} min',
    'status.level3': 'Escalated to the highest level: nobody has acknowledged for {{minutes}} min',
    'status.acknowledged': 'Acknowledged by {{account}} ({{country}})',

    'refuse.incident-field': 'The incident is not well formed: {{field}} is missing or invalid.',
    'refuse.unknown-rule': 'The incident names an unknown rule: {{rule}}.',
    'refuse.no-position': 'The incident gives no position for the rule {{rule}}.',
    'refuse.params-too-large': 'The values of the rule {{rule}} are too large ({{count}}; at most {{max}} values of {{chars}} characters).',
    'refuse.ack-field': 'The acknowledgement is not well formed: {{field}} is missing or invalid.',
  },
  es: {
    'rule.crossing': 'Cruce fronterizo',
    'rule.approach': 'Acercamiento a la frontera',
    'rule.geofence': 'Zona restringida',
    'rule.payload-drop': 'Lanzamiento de carga',
    'rule.loitering': 'Merodeo',

    'title.crossing': 'Dron cruzó hacia {{to}} cerca de {{place}}',
    'title.crossing.bare': 'Dron cruzó hacia {{to}}',
    'title.crossing.no-side': 'Dron cruzó la frontera cerca de {{place}}',
    'title.crossing.no-side.bare': 'Dron cruzó la frontera',
    'title.approach': 'Dron acercándose a la frontera cerca de {{place}}',
    'title.approach.bare': 'Dron acercándose a la frontera',
    'title.geofence': 'Dron entró en una zona protegida cerca de {{place}}',
    'title.geofence.bare': 'Dron entró en una zona protegida',
    'title.geofence.site': 'Dron entró en el sitio protegido {{zone}}',
    'title.geofence.port': 'Dron entró en la zona protegida alrededor de {{zone}}',
    'title.payload-drop': 'Posible lanzamiento de carga cerca de {{place}}',
    'title.payload-drop.bare': 'Posible lanzamiento de carga',
    'title.loitering': 'Dron merodeando cerca de {{place}}',
    'title.loitering.bare': 'Dron merodeando cerca de la frontera',

    'place.port-city': '{{port}} ({{portCity}})',
    'country.US': 'Estados Unidos',
    'country.MX': 'México',

    'origin.US': 'Detectado por sensores de Estados Unidos.',
    'origin.MX': 'Detectado por sensores de México.',
    'origin.other': 'Detectado por sensores de {{country}}.',
    'origin.peer': 'Compartido por el nodo socio {{peer}}.',
    'fact.km': 'A {{km}} km de la línea fronteriza.',
    'fact.side.US': 'Del lado estadounidense.',
    'fact.side.MX': 'Del lado mexicano.',
    'fact.port-distance': 'A {{km}} km del puerto de entrada.',
    'fact.predicted': 'Se espera que llegue a la línea en unos {{minutes}} min.',
    'fact.city': 'En {{city}}.',
    'fact.descent': 'Descendió {{metres}} m en {{seconds}} s.',
    'fact.climb': 'Ascendió {{metres}} m en {{seconds}} s justo después de mantenerse suspendido.',
    'fact.altitude': 'Ahora a {{altM}} m.',
    'fact.loiter': 'Se mantuvo en un radio de {{radiusM}} m durante {{minutes}} min.',
    'fact.minutes': 'Durante {{minutes}} min.',

    'status.open': 'Sin confirmar',
    'status.level2': 'Escalada: nadie la ha confirmado en {{minutes}} min',
    'status.level3': 'Escalada al nivel máximo: nadie la ha confirmado en {{minutes}} min',
    'status.acknowledged': 'Confirmada por {{account}} ({{country}})',

    'refuse.incident-field': 'El incidente está mal formado: {{field}} falta o no es válido.',
    'refuse.unknown-rule': 'El incidente nombra una regla desconocida: {{rule}}.',
    'refuse.no-position': 'El incidente no da ninguna posición para la regla {{rule}}.',
    'refuse.params-too-large':
      'Los valores de la regla {{rule}} son demasiado grandes ({{count}}; como máximo {{max}} valores de {{chars}} caracteres).',
    'refuse.ack-field': 'La confirmación está mal formada: {{field}} falta o no es válido.',
  },
} as const satisfies { en: Record<string, string>; es: Record<string, string> };

export type AlertsMessageKey = keyof typeof alertsMessages.en;
