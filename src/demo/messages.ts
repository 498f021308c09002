/*
 * Texts for every code the demo scenario reports, in English and Mexican Spanish.
 * Keys are the `ScenarioError` codes; parameters are given as {{param}}.
 */

export const demoMessages = {
  en: {
    'run.start': 'Enlace demo — data in {{dir}} (delete it for a fresh start)',
    'run.seeded': 'Seeded the {{node}} node: {{accepted}} accepted, {{refused}} refused',
    'run.refused': '  refused {{id}}: {{message}}',
    'run.after-sync': 'What each side holds after sync (latest version of each object):',
    'run.holdings': '  {{node}} node: {{own}} own objects, {{partner}} received from the partner',
    'run.by-type': '    received by type: {{types}}',
    'run.red': '  TLP:RED objects of the U.S. node: {{held}} held, {{leaked}} reached Mexico (must be 0)',
    'run.exchange': '  {{node}} node ↔ {{peer}}: received {{pulled}} by pull, sent {{pushed}} by push (totals since the nodes were created)',
    'run.nodes': 'Nodes (keep this running; Ctrl-C stops both):',
    'run.node-line': '  {{node}}  {{url}}  TAXII discovery {{url}}/taxii2/  key {{key}}…',
    'run.console': '  Web consoles: not part of this release yet (they come with the console issue); use a TAXII client, the API ({{url}}/api/v1/node, /api/v1/peers) or the CLI.',
    'run.sign-in': 'Sign-in (HTTP Basic for TAXII clients, Bearer tokens from "enlace token create"):',
    'run.try': 'Try:',
    'run.failed': 'Demo failed: {{message}}',
    'node.us': 'U.S.',
    'node.mx': 'Mexico',
    'scenario.node-identity-invalid':
      'The {{node}} node identity "{{value}}" is not a STIX identity id (identity--<UUID>).',
    'scenario.node-identities-equal':
      'The U.S. and Mexico nodes have the same identity ({{value}}); each node needs its own.',
  },
  es: {
    'run.start': 'Demostración de Enlace — datos en {{dir}} (bórrelos para empezar de cero)',
    'run.seeded': 'Nodo {{node}} cargado: {{accepted}} aceptados, {{refused}} rechazados',
    'run.refused': '  rechazado {{id}}: {{message}}',
    'run.after-sync': 'Lo que cada lado tiene después de sincronizar (última versión de cada objeto):',
    'run.holdings': '  Nodo {{node}}: {{own}} objetos propios, {{partner}} recibidos de la contraparte',
    'run.by-type': '    recibidos por tipo: {{types}}',
    'run.red': '  Objetos TLP:RED del nodo de EE. UU.: {{held}} en su poder, {{leaked}} llegaron a México (debe ser 0)',
    'run.exchange': '  Nodo {{node}} ↔ {{peer}}: {{pulled}} recibidos por consulta, {{pushed}} enviados por envío (totales desde que se crearon los nodos)',
    'run.nodes': 'Nodos (déjelo corriendo; Ctrl-C detiene ambos):',
    'run.node-line': '  {{node}}  {{url}}  descubrimiento TAXII {{url}}/taxii2/  llave {{key}}…',
    'run.console': '  Consolas web: aún no forman parte de esta versión (llegan con el issue de la consola); use un cliente TAXII, la API ({{url}}/api/v1/node, /api/v1/peers) o la CLI.',
    'run.sign-in': 'Acceso (HTTP Basic para clientes TAXII, tokens Bearer con "enlace token create"):',
    'run.try': 'Pruebe:',
    'run.failed': 'La demostración falló: {{message}}',
    'node.us': 'EE. UU.',
    'node.mx': 'México',
    'scenario.node-identity-invalid':
      'La identidad del nodo {{node}}, "{{value}}", no es un identificador STIX de identidad (identity--<UUID>).',
    'scenario.node-identities-equal':
      'Los nodos de Estados Unidos y de México tienen la misma identidad ({{value}}); cada nodo necesita la suya.',
  },
} as const satisfies { en: Record<string, string>; es: Record<string, string> };

/** The codes of the demo scenario. */
export type DemoMessageCode = keyof typeof demoMessages.en;
