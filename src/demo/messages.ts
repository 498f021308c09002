/*
 * Texts for every code the demo scenario reports, in English and Mexican Spanish.
 * Keys are the `ScenarioError` codes; parameters are given as {{param}}.
 */

export const demoMessages = {
  en: {
    'scenario.node-identity-invalid':
      'The {{node}} node identity "{{value}}" is not a STIX identity id (identity--<UUID>).',
    'scenario.node-identities-equal':
      'The U.S. and Mexico nodes have the same identity ({{value}}); each node needs its own.',
  },
  es: {
    'scenario.node-identity-invalid':
      'La identidad del nodo {{node}}, "{{value}}", no es un identificador STIX de identidad (identity--<UUID>).',
    'scenario.node-identities-equal':
      'Los nodos de Estados Unidos y de México tienen la misma identidad ({{value}}); cada nodo necesita la suya.',
  },
} as const satisfies { en: Record<string, string>; es: Record<string, string> };

/** The codes of the demo scenario. */
export type DemoMessageCode = keyof typeof demoMessages.en;
