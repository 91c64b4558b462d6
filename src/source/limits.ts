/**
 * Limits applied to untrusted rubric and input documents. Every limit can be changed per call
 * (`loadRubric(text, { limits: { maxBytes: … } })`).
 */
export interface Limits {
  /** Largest document, in bytes of UTF-8 (default 2 MiB). */
  maxBytes: number;
  /** Deepest nesting of mappings and sequences (default 64). */
  maxDepth: number;
  /**
   * Most nodes a document may expand to, aliases included (default 100 000). A YAML document of
   * more than twice as many tokens is refused before it is parsed, which bounds parsing time.
   */
  maxNodes: number;
  /** Longest formula, in characters (default 2 000). */
  maxFormulaLength: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 2 * 1024 * 1024,
  maxDepth: 64,
  maxNodes: 100_000,
  maxFormulaLength: 2000,
};

export function resolveLimits(partial?: Partial<Limits>): Limits {
  return { ...DEFAULT_LIMITS, ...partial };
}
