/** What the simulator tells a person after a run, in both languages; namespace "drones-simulator". */
export const simulatorMessages = {
  en: {
    'summary.total': 'Sent {{sent}} reports: {{accepted}} detections accepted, {{rejected}} refused, {{failed}} requests failed.',
    'summary.node': 'Node {{node}}: {{sent}} sent, {{accepted}} accepted, {{rejected}} refused, {{failed}} failed.',
    'summary.reason': 'Refused as {{reason}}: {{count}}.',
    'summary.skipped': '{{count}} reports were for a node with no target and were not sent.',
    'summary.lag': 'Worst delay behind schedule: {{ms}} ms.',
    'summary.last-error': 'Last error: {{error}}',
  },
  es: {
    'summary.total':
      'Se enviaron {{sent}} reportes: {{accepted}} detecciones aceptadas, {{rejected}} rechazadas, {{failed}} solicitudes fallidas.',
    'summary.node': 'Nodo {{node}}: {{sent}} enviados, {{accepted}} aceptadas, {{rejected}} rechazadas, {{failed}} fallidas.',
    'summary.reason': 'Rechazadas por {{reason}}: {{count}}.',
    'summary.skipped': '{{count}} reportes eran para un nodo sin destino y no se enviaron.',
    'summary.lag': 'Mayor retraso respecto al horario: {{ms}} ms.',
    'summary.last-error': 'Último error: {{error}}',
  },
} as const satisfies { en: Record<string, string>; es: Record<string, string> };

export type SimulatorMessageKey = keyof typeof simulatorMessages.en;
