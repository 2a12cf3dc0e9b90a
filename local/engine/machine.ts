import { InvalidDefinitionError } from './errors.ts';
import type { QueryLanguage, ScopeDef, StateDef } from './types.ts';
import { validateDefinition } from './validate.ts';

/** A validated definition, indexed by scope (top level, each Parallel branch, each Map processor). */
export interface CompiledMachine {
  readonly definition: string;
  readonly topLanguage: QueryLanguage;
  readonly timeoutSeconds: number | undefined;
  readonly scopes: ReadonlyMap<string, ScopeDef>;
}

export const branchScope = (scope: string, state: string, i: number) => `${scope}/${state}#${i}`;
export const mapScope = (scope: string, state: string) => `${scope}/${state}#map`;

const compiledCache = new Map<string, CompiledMachine>();

/** Parse, validate and index a definition; throws InvalidDefinitionError with AWS-like problems. */
export function compileMachine(definition: string): CompiledMachine {
  const hit = compiledCache.get(definition);
  if (hit) return hit;
  let def: unknown;
  try {
    def = JSON.parse(definition);
  } catch (error) {
    throw new InvalidDefinitionError([`INVALID_JSON_DESCRIPTION: ${(error as Error).message}`]);
  }
  const problems = validateDefinition(def);
  if (problems.length) throw new InvalidDefinitionError(problems);
  const top = def as Record<string, unknown> & ScopeDef;
  const scopes = new Map<string, ScopeDef>();
  const index = (key: string, scope: ScopeDef, outer: QueryLanguage) => {
    scopes.set(key, scope);
    for (const [name, state] of Object.entries(scope.States)) {
      const lang: QueryLanguage =
        state.QueryLanguage === 'JSONata' || state.QueryLanguage === 'JSONPath' ? state.QueryLanguage : outer;
      languages.set(state, lang);
      if (state.Type === 'Parallel')
        for (const [i, b] of (state.Branches as ScopeDef[]).entries())
          index(branchScope(key, name, i), b, lang);
      if (state.Type === 'Map')
        index(mapScope(key, name), (state.ItemProcessor ?? state.Iterator) as ScopeDef, lang);
    }
  };
  index('', top, top.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath');
  const machine: CompiledMachine = {
    definition,
    topLanguage: top.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath',
    timeoutSeconds: top.TimeoutSeconds as number | undefined,
    scopes,
  };
  if (compiledCache.size > 500) compiledCache.clear();
  compiledCache.set(definition, machine);
  return machine;
}

export function stateOf(machine: CompiledMachine, scope: string, name: string): StateDef {
  const s = machine.scopes.get(scope)?.States[name];
  if (!s) throw new Error(`Unknown state ${name} in scope '${scope}'`);
  return s;
}

const languages = new WeakMap<StateDef, QueryLanguage>();

/** The state's query language: its own `QueryLanguage`, else the enclosing state's, else the top level's. */
export const languageOf = (machine: CompiledMachine, state: StateDef): QueryLanguage =>
  languages.get(state) ?? machine.topLanguage;
