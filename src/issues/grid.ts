/**
 * The sheet's grid: a score sheet writes points with `precision` decimals (2 by default), so a
 * 分值 or a score given by a person with more decimals is refused, never rounded silently. One
 * check and one wording for every such figure: an indicator's max, a cap, a row's 分值, a
 * judgement's or a 定性 row's score.
 */

/** Whether a figure in points can be written on a sheet that keeps `places` decimals (2.5 at 0: no). */
export function onGrid(x: { decimalPlaces(): number }, places: number): boolean {
  return x.decimalPlaces() <= places;
}

/**
 * The params of an `invalid_value` issue for a 分值 (max, cap, row 分值) off the grid.
 *
 * @example makeIssue('invalid_value', maxOffGrid(2, '33.335'), { path })
 */
export function maxOffGrid(places: number, received: string): { expected: string; expectedEn: string; received: string } {
  return { expected: `最多 ${places} 位小数的分值（评分表的 precision）`, expectedEn: `points with at most ${places} decimals (the rubric's precision)`, received };
}

/**
 * The detail of an `assessment_invalid` issue for a score a person gave with more decimals than
 * the sheet keeps (a judgement, a 定性 row): `who` names the row when there is one.
 *
 * @example makeIssue('assessment_invalid', { indicator, ...scoreOffGrid('7.995', 2) }, { path })
 */
export function scoreOffGrid(received: string, places: number, who = ''): { detail: string; detailEn: string } {
  return {
    detail: `${who}得分 ${received} 的小数位数超过评分表的精度（${places} 位小数）`,
    detailEn: `${who ? `${who}: ` : ''}score ${received} has more decimals than the rubric's precision (${places})`,
  };
}
