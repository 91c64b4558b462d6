/**
 * Limits applied to untrusted rubric and input documents. Every limit can be changed per call
 * (`loadRubric(text, { limits: { maxBytes: … } })`); a limit left out or given as `undefined`
 * keeps its default, and anything but a whole number ≥ 0 is refused (`invalid_option`).
 */
export interface Limits {
  /** Largest document, in bytes of UTF-8 (default 1 MiB). */
  maxBytes: number;
  /** Deepest nesting of mappings and sequences (default 64). */
  maxDepth: number;
  /**
   * Most nodes a document may expand to, aliases included (default 30 000: twenty times the
   * largest real sheet, so that loading or linting the worst document within the limits takes
   * about a second). A YAML document of more than twice as many tokens is refused before it is
   * parsed, which bounds parsing time.
   */
  maxNodes: number;
  /** Longest formula, in characters (default 2 000). */
  maxFormulaLength: number;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxBytes: 1024 * 1024,
  maxDepth: 64,
  maxNodes: 30_000,
  maxFormulaLength: 2000,
});

/** The names of the limits, in the order they are documented. */
export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as (keyof Limits)[];

/**
 * The limits to use: each given limit that is a number, else its default. An `undefined` (or
 * missing) limit is the default, never "no limit". Values are checked by `readOptions` in
 * src/source/options.ts before they get here.
 */
export function resolveLimits(partial?: Partial<Limits>): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const name of LIMIT_NAMES) {
    const v = partial?.[name];
    if (typeof v === 'number') out[name] = v;
  }
  return out;
}
