/** The tree a STIX 2.1 pattern parses into (§9.5 observation expressions, §9.7 comparisons). */

export type Literal =
  | { kind: 'int'; value: number; at: number }
  | { kind: 'float'; value: number; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'bool'; value: boolean; at: number }
  | { kind: 'hex'; value: string; at: number }
  | { kind: 'binary'; value: string; at: number }
  | { kind: 'timestamp'; value: string; at: number };

/** A step after the first property: `.name`, `.'quoted key'`, `[0]` or `[*]`. */
export type PathStep = { kind: 'key'; name: string; at: number } | { kind: 'index'; index: number | '*'; at: number };

export interface ObjectPath {
  objectType: string;
  /** The first property (an identifier, or a quoted name). */
  property: string;
  steps: PathStep[];
  at: number;
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export type Comparison =
  | { kind: 'test'; path: ObjectPath; negated: boolean; operator: ComparisonOperator; value: Literal | Literal[]; at: number }
  | { kind: 'exists'; path: ObjectPath; at: number }
  | { kind: 'and' | 'or'; operands: Comparison[]; at: number };

export type Qualifier =
  | { kind: 'within'; seconds: number; at: number }
  | { kind: 'repeats'; times: number; at: number }
  | { kind: 'start-stop'; start: string; stop: string; at: number };

export type Observation =
  | { kind: 'observation'; comparison: Comparison; qualifiers: Qualifier[]; at: number }
  | { kind: 'group'; inner: Observation; qualifiers: Qualifier[]; at: number }
  | { kind: 'and' | 'or' | 'followedby'; operands: Observation[]; at: number };

/** Every object path a comparison tree tests, in order. */
export function pathsOf(c: Comparison): ObjectPath[] {
  if (c.kind === 'test' || c.kind === 'exists') return [c.path];
  return c.operands.flatMap(pathsOf);
}

/** Every SCO type a pattern mentions, for search and display. */
export function objectTypesOf(o: Observation): string[] {
  const out = new Set<string>();
  const walk = (n: Observation): void => {
    if (n.kind === 'observation') for (const p of pathsOf(n.comparison)) out.add(p.objectType);
    else if (n.kind === 'group') walk(n.inner);
    else n.operands.forEach(walk);
  };
  walk(o);
  return [...out];
}
