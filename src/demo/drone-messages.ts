/** Texts of the demo's drone scene, in English and Mexican Spanish. */
export const demoDroneMessages = {
  en: {
    'scene.start':
      'Drone scene: simulated sensors on both sides of the line report to their own node ({{flights}} flights; a drone lifts off in eastern Tijuana, seen only by a Mexican sensor, and crosses in about {{seconds}} s)…',
    'scene.alert':
      '  [U.S. console] ALERT: {{title}} — {{origin}}; on the U.S. stream {{latency}} ms after the Mexican node heard the detection that confirmed the crossing',
    'scene.pilot':
      '  The map shows the drone and its pilot: pilot at {{lat}}, {{lon}} ({{kind}}), {{metres}} m from the line on the {{side}} side; nearest port of entry {{port}}',
    'scene.no-pilot': '  The map shows the drone; no pilot position was reported',
    'scene.ack':
      '  {{account}} acknowledged it on the U.S. console; the Mexico console showed "acknowledged by {{account}} ({{country}})" {{latency}} ms later',
    'scene.timeout': '  No alert for the Tijuana crossing reached the U.S. console within {{seconds}} s: {{detail}}',
    'scene.sent': '  Sensors sent {{sent}} reports: {{accepted}} detections accepted, {{rejected}} refused, {{failed}} failed',
    'scene.incidents': '  Incidents: {{us}} on the U.S. console, {{mx}} on the Mexico console; open alerts: {{usAlerts}} / {{mxAlerts}}',
    'scene.running': 'The drone simulator keeps flying while the demo runs: open the Drones screen of either console.',
    'pilot.takeoff': 'take-off point',
    'pilot.live': 'live position',
    'pilot.fixed': 'fixed position',
    'side.US': 'U.S.',
    'side.MX': 'Mexican',
  },
  es: {
    'scene.start':
      'Escena de drones: sensores simulados a ambos lados de la línea informan a su propio nodo ({{flights}} vuelos; un dron despega en el oriente de Tijuana, visto solo por un sensor mexicano, y cruza en unos {{seconds}} s)…',
    'scene.alert':
      '  [consola de EE. UU.] ALERTA: {{title}} — {{origin}}; en el flujo de EE. UU. {{latency}} ms después de que el nodo de México recibió la detección que confirmó el cruce',
    'scene.pilot':
      '  El mapa muestra el dron y a su piloto: piloto en {{lat}}, {{lon}} ({{kind}}), a {{metres}} m de la línea del lado {{side}}; puerto de entrada más cercano: {{port}}',
    'scene.no-pilot': '  El mapa muestra el dron; no se informó la posición del piloto',
    'scene.ack':
      '  {{account}} la atendió en la consola de EE. UU.; la consola de México mostró "atendida por {{account}} ({{country}})" {{latency}} ms después',
    'scene.timeout': '  Ninguna alerta del cruce en Tijuana llegó a la consola de EE. UU. en {{seconds}} s: {{detail}}',
    'scene.sent':
      '  Los sensores enviaron {{sent}} reportes: {{accepted}} detecciones aceptadas, {{rejected}} rechazadas, {{failed}} fallidas',
    'scene.incidents':
      '  Incidentes: {{us}} en la consola de EE. UU., {{mx}} en la de México; alertas abiertas: {{usAlerts}} / {{mxAlerts}}',
    'scene.running':
      'El simulador de drones sigue volando mientras corre la demostración: abra la pantalla Drones de cualquiera de las consolas.',
    'pilot.takeoff': 'punto de despegue',
    'pilot.live': 'posición en vivo',
    'pilot.fixed': 'posición fija',
    'side.US': 'estadounidense',
    'side.MX': 'mexicano',
  },
};
