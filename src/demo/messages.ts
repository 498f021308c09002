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
    'run.exchange':
      '  {{node}} node ↔ {{peer}}: received {{pulled}} by pull, sent {{pushed}} by push (totals since the nodes were created)',
    'run.policy':
      'Release policy of the {{node}} node for {{peer}} (version {{version}}): GREEN: {{green}}, AMBER: {{amber}}, ceiling TLP:{{ceiling}}, objects of other nodes: {{thirdParty}}; TLP:RED never leaves, AMBER+STRICT goes only to an organisation the originator names',
    'run.revoked':
      'Revocation: after the first sync the {{node}} node revoked {{id}}; versions of it Mexico holds: {{versions}}; the revoked one: {{verdict}}',
    'run.release': 'What the U.S. node lets Mexico receive, judged object by object by its release policy (latest versions):',
    'run.release-counts':
      "  {{held}} objects of its own or of other nodes: {{released}} released as they are, {{redacted}} redacted ({{properties}} properties withheld), {{withheld}} withheld; besides, {{returned}} of Mexico's own objects, never sent back",
    'run.released-by': '    released, by rule (an object may count under several): {{rules}}',
    'run.withheld-by': '    withheld, by rule (an object may count under several): {{rules}}',
    'released.tlp-clear': 'TLP:CLEAR',
    'released.tlp-green': 'GREEN allowed',
    'released.tlp-amber': 'AMBER allowed',
    'released.tlp-amber-strict': 'AMBER+STRICT naming Mexico',
    'released.releasability': 'on the releasability list',
    'released.third-party': "another node's object, its originator permitting",
    'released.grading': 'grading at or above the minimum',
    'run.release-matches': '  Mexico holds exactly what the policy releases: {{verdict}} ({{count}} objects; revoked: {{revoked}})',
    'word.yes': 'yes',
    'word.no': 'no',
    'rule.malformed': 'not well formed',
    'rule.echo': "Mexico's own objects (never sent back)",
    'rule.unknown-marking': 'unknown marking',
    'rule.tlp-red': 'TLP:RED',
    'rule.tlp-amber-strict': 'AMBER+STRICT not naming Mexico',
    'rule.tlp-amber': 'AMBER not allowed',
    'rule.tlp-green': 'GREEN not allowed',
    'rule.tlp-clear': 'CLEAR',
    'rule.ceiling': 'above the ceiling',
    'rule.releasability': 'not on the releasability list',
    'rule.third-party': "another node's object",
    'rule.grading': 'grading below the minimum',
    'rule.granular': 'a marked part cannot be removed',
    'run.nodes': 'Nodes (keep this running; Ctrl-C stops both):',
    'run.node-line': '  {{node}}  {{url}}  TAXII discovery {{url}}/taxii2/  key {{key}}…',
    'run.consoles': 'Web consoles (open both, side by side, in a browser):',
    'run.console-line': '  {{node}}  {{url}}',
    'run.sign-in': 'Accounts (console sign-in; HTTP Basic for TAXII clients; Bearer tokens from "enlace token create"):',
    'run.try': 'Try:',
    'run.failed': 'Demo failed: {{message}}',
    'run.port-taken':
      'Port {{port}} is already in use (another demo still running?). Stop it, or choose other ports with ENLACE_DEMO_US_PORT and ENLACE_DEMO_MX_PORT.',
    'node.us': 'U.S.',
    'node.mx': 'Mexico',
    'scenario.node-identity-invalid': 'The {{node}} node identity "{{value}}" is not a STIX identity id (identity--<UUID>).',
    'scenario.node-identities-equal': 'The U.S. and Mexico nodes have the same identity ({{value}}); each node needs its own.',
  },
  es: {
    'run.start': 'Demostración de Enlace — datos en {{dir}} (bórrelos para empezar de cero)',
    'run.seeded': 'Nodo {{node}} cargado: {{accepted}} aceptados, {{refused}} rechazados',
    'run.refused': '  rechazado {{id}}: {{message}}',
    'run.after-sync': 'Lo que cada lado tiene después de sincronizar (última versión de cada objeto):',
    'run.holdings': '  Nodo {{node}}: {{own}} objetos propios, {{partner}} recibidos de la contraparte',
    'run.by-type': '    recibidos por tipo: {{types}}',
    'run.red': '  Objetos TLP:RED del nodo de EE. UU.: {{held}} en su poder, {{leaked}} llegaron a México (debe ser 0)',
    'run.exchange':
      '  Nodo {{node}} ↔ {{peer}}: {{pulled}} recibidos por consulta, {{pushed}} enviados por envío (totales desde que se crearon los nodos)',
    'run.policy':
      'Política de difusión del nodo {{node}} para {{peer}} (versión {{version}}): GREEN: {{green}}, AMBER: {{amber}}, tope TLP:{{ceiling}}, objetos de otros nodos: {{thirdParty}}; TLP:RED nunca sale, AMBER+STRICT solo va a una organización que el originador nombre',
    'run.revoked':
      'Revocación: después de la primera sincronización el nodo {{node}} revocó {{id}}; versiones que México tiene de él: {{versions}}; la revocada: {{verdict}}',
    'run.release':
      'Lo que el nodo de EE. UU. deja recibir a México, juzgado objeto por objeto por su política de difusión (últimas versiones):',
    'run.release-counts':
      '  {{held}} objetos propios o de otros nodos: {{released}} entregados tal cual, {{redacted}} con partes retenidas ({{properties}} propiedades retenidas), {{withheld}} retenidos; además, {{returned}} objetos del propio México, que nunca se le devuelven',
    'run.released-by': '    entregados, por regla (un objeto puede contar en varias): {{rules}}',
    'run.withheld-by': '    retenidos, por regla (un objeto puede contar en varias): {{rules}}',
    'released.tlp-clear': 'TLP:CLEAR',
    'released.tlp-green': 'GREEN permitido',
    'released.tlp-amber': 'AMBER permitido',
    'released.tlp-amber-strict': 'AMBER+STRICT que nombra a México',
    'released.releasability': 'en la lista de difusión',
    'released.third-party': 'objeto de otro nodo, con permiso de su originador',
    'released.grading': 'evaluación igual o superior al mínimo',
    'run.release-matches': '  México tiene exactamente lo que la política entrega: {{verdict}} ({{count}} objetos; revocados: {{revoked}})',
    'word.yes': 'sí',
    'word.no': 'no',
    'rule.malformed': 'mal formado',
    'rule.echo': 'objetos del propio México (nunca se le devuelven)',
    'rule.unknown-marking': 'marca desconocida',
    'rule.tlp-red': 'TLP:RED',
    'rule.tlp-amber-strict': 'AMBER+STRICT sin nombrar a México',
    'rule.tlp-amber': 'AMBER no permitido',
    'rule.tlp-green': 'GREEN no permitido',
    'rule.tlp-clear': 'CLEAR',
    'rule.ceiling': 'por encima del tope',
    'rule.releasability': 'fuera de la lista de difusión',
    'rule.third-party': 'objeto de otro nodo',
    'rule.grading': 'evaluación por debajo del mínimo',
    'rule.granular': 'una parte marcada no puede quitarse',
    'run.nodes': 'Nodos (déjelo corriendo; Ctrl-C detiene ambos):',
    'run.node-line': '  {{node}}  {{url}}  descubrimiento TAXII {{url}}/taxii2/  llave {{key}}…',
    'run.consoles': 'Consolas web (abra ambas, lado a lado, en un navegador):',
    'run.console-line': '  {{node}}  {{url}}',
    'run.sign-in': 'Cuentas (acceso a la consola; HTTP Basic para clientes TAXII; tokens Bearer con "enlace token create"):',
    'run.try': 'Pruebe:',
    'run.failed': 'La demostración falló: {{message}}',
    'run.port-taken':
      'El puerto {{port}} ya está en uso (¿otra demostración sigue corriendo?). Deténgala, o elija otros puertos con ENLACE_DEMO_US_PORT y ENLACE_DEMO_MX_PORT.',
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
