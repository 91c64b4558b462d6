import type { ScoreResult } from '../evaluate/result.js';
import { Exact } from '../exact.js';

/* What every report says of review layers (applyLayers), shared by the 评分表 and the text table. */

/** `（各项得分之和93分，多1分）` for a layer whose printed total is not the sum of its scores. */
export function sumNote(l: { total: string; sum?: string }): string {
  if (l.sum === undefined) return '';
  const d = Exact.parse(l.total).minus(Exact.parse(l.sum));
  return `（各项得分之和${l.sum}分，${d.isNegative() ? '少' : '多'}${d.abs().toPlain()}分）`;
}

/**
 * Whether a result's layers are worth columns of their own: more than one, or one that is not the
 * result as scored (a filed 自评 with scores or a total of its own).
 */
export function hasLayers(result: ScoreResult): boolean {
  const layers = result.layers ?? [];
  return layers.length > 1 || (layers.length === 1 && (layers[0]!.changes.length > 0 || layers[0]!.sum !== undefined));
}
