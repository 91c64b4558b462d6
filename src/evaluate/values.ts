import type { Exact } from '../exact.js';
import type { Plan } from '../rubric/types.js';

/**
 * The figures the compiled reader read, by the plan's order of inputs: what a `Map` of them by
 * name gives (`get`, `has`, `size`, iteration in the rubric's order), without building one per
 * evaluation — a map of a sheet's dozen or more figures, filled key by key, costs more than
 * reading them.
 */
export class InputValues implements ReadonlyMap<string, Exact> {
  constructor(
    private readonly plan: Plan,
    /** Each input's figure at its declared index, undefined where none is given. */
    private readonly at: readonly (Exact | undefined)[],
    readonly size: number,
  ) {}

  get(name: string): Exact | undefined {
    const decl = this.plan.inputByName.get(name);
    return decl === undefined ? undefined : this.at[decl.index];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  *entries(): MapIterator<[string, Exact]> {
    const inputs = this.plan.inputs;
    for (let i = 0; i < inputs.length; i++) {
      const v = this.at[i];
      if (v !== undefined) yield [inputs[i]!.name, v];
    }
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<Exact> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, Exact]> {
    return this.entries();
  }

  forEach(f: (value: Exact, key: string, map: ReadonlyMap<string, Exact>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) f.call(thisArg, v, k, this);
  }
}
