/** Texts of the TAXII layer that are not errors (those live in src/errors), in both languages. */
export const taxiiMessages = {
  en: {
    'status.duplicate': 'already stored',
  },
  es: {
    'status.duplicate': 'ya estaba almacenado',
  },
} as const satisfies { en: Record<string, string>; es: Record<string, string> };

export type TaxiiMessageCode = keyof typeof taxiiMessages.en;
