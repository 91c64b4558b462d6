import type { Rubric } from '../rubric/types.js';

/**
 * A maker of the objects a result keys by a rubric's ids (`scores`: 指标 → 得分), made once per
 * rubric: each call gives a fresh plain object to be filled in `keys` order, so its keys come out
 * in that order, as if set one by one on `{}`.
 *
 * Why: an object given more than a dozen or so keys one by one (`out[id] = …`) is turned by the
 * engine (V8) into a hash table, so filling it costs about 35 ns a key and every later read of it
 * (JSON.stringify, a lookup) is slower too; a copy of an object that already has the keys costs
 * about 2 ns a key, and setting a key it has about 17 (bench/objects.mjs measures both). Past about
 * a hundred keys, setting a key of such a copy costs more than adding it (the engine searches the
 * keys), so a large sheet's object is made the plain way. A key `__proto__` is set the plain way
 * too, as before, so a rubric cannot give its objects a prototype either way.
 */
export function recordMaker(keys: readonly string[]): () => Record<string, string> {
  if (keys.length > TEMPLATE_KEYS || keys.includes('__proto__')) return plain;
  const shape: Record<string, string> = {};
  for (const k of keys) shape[k] = '';
  // JSON.parse makes the object with all its keys at once, in the engine's fast form; a spread
  // copy of it keeps that form.
  const template = JSON.parse(JSON.stringify(shape)) as Record<string, string>;
  return () => ({ ...template });
}

/** A rubric's maker of `scores` objects (its ids, in the plan's order), made once and shared by the totals paths. */
const scoresRecords = new WeakMap<Rubric, () => Record<string, string>>();
export function scoresRecordOf(rubric: Rubric): () => Record<string, string> {
  let make = scoresRecords.get(rubric);
  if (make === undefined) scoresRecords.set(rubric, (make = recordMaker(rubric.plan.ids)));
  return make;
}

/** Most keys a result object is copied from a template for (see recordMaker). */
const TEMPLATE_KEYS = 100;

const plain = (): Record<string, string> => ({});

/**
 * A maker of empty plain objects (prototype `Object.prototype`, `constructor` Object, as `{}`)
 * that start from a shape of their own, for an object of few keys made again and again with the
 * same keys: each leaf's `figures`. Every `{}` starts from the engine's one empty shape, and each
 * key first added to it is a branch of that shape; past about 1,500 branches (a sheet of thousands
 * of leaves, each reading a figure of its own) the engine makes a new shape for every object, and
 * each costs ten times as much (bench/objects.mjs). Objects of one maker share their own shape.
 */
export function shapeMaker(): () => Record<string, string> {
  // A constructor of its own has a starting shape of its own; its instances' prototype is
  // Object.prototype itself, so they are plain objects like `{}` in every respect.
  const Shape = function (this: Record<string, string>) {} as unknown as { new (): Record<string, string>; prototype: object };
  Shape.prototype = Object.prototype;
  return () => new Shape();
}
