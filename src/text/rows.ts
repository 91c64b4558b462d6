import type { RowsSection } from '../project/schema.js';
import { Exact } from '../exact.js';

/**
 * The 评分标准 a sheet prints for a section whose indicators are the evaluation's rows (the 产出、
 * 效益、满意度 of 项目支出绩效自评表), and its reading back: the section's policies, each a clause
 * after the fixed opening, a policy at its default left unsaid.
 */

/** What a blank sheet says of a section whose indicators are the evaluation's rows. */
export const ROWS_OPENING = '逐行填写三级指标、年度指标值和实际完成值';

/** Each policy a rows section may set away from its default, and the clause that says it. */
const CLAUSES: { key: keyof RowsSection; value: string; text: string }[] = [
  { key: 'weights', value: 'scaled', text: '各行分值按比例折算到本指标分值' },
  { key: 'empty', value: 'redistribute', text: '没有行时，本指标分值按比例分给其他逐行填写的指标' },
  { key: 'empty', value: 'zero', text: '没有行时，本指标计0分' },
  { key: 'emptyTarget', value: 'not_applicable', text: '年度指标值为空的行按不适用处理，其分值按比例并入本指标其余各行' },
  { key: 'method', value: 'times_actual', text: '正向百分比指标得分=分值×实际完成值%，其他行按年度指标值计分' },
];

/** The defaults: what the opening alone says. */
const DEFAULTS: RowsSection = { weights: 'exact', empty: 'forbidden', emptyTarget: 'forbidden', method: 'target' };

/**
 * The sentence of a rows section: {@link ROWS_OPENING}, then a clause for each policy away from its
 * default (`；没有行时，本指标分值按比例分给其他逐行填写的指标`). {@link readRowsStandard} reads it back.
 * @example renderRowsStandard({ weights: 'exact', empty: 'redistribute', emptyTarget: 'forbidden', method: 'target' })
 */
export function renderRowsStandard(section: Partial<RowsSection> | undefined): string {
  const s = { ...DEFAULTS, ...section };
  return [ROWS_OPENING, ...CLAUSES.filter((c) => s[c.key] === c.value).map((c) => c.text)].join('；');
}

/** A rows section read from its sentence: the policies it states, and the clauses it could not read. */
export interface ReadRows {
  /** The policies stated away from their defaults. */
  section: Partial<RowsSection>;
  /** Clauses after the opening that say no policy the reader knows. */
  unread: string[];
}

/**
 * A 评分标准 that opens with {@link ROWS_OPENING} read as a rows section, or undefined when it
 * does not open so. A clause that says no known policy is in `unread` (the section is then not
 * fully stated: the caller says so).
 */
export function readRowsStandard(text: string): ReadRows | undefined {
  const t = text.replace(/\s+/gu, '').replace(/[。；]+$/u, '');
  if (!t.startsWith(ROWS_OPENING)) return undefined;
  const rest = t.slice(ROWS_OPENING.length);
  if (rest && !rest.startsWith('；')) return undefined;
  const section: Partial<Record<keyof RowsSection, string>> = {};
  const unread: string[] = [];
  for (const clause of rest.split('；').filter((c) => c)) {
    const c = CLAUSES.find((x) => x.text === clause);
    if (!c || (section[c.key] !== undefined && section[c.key] !== c.value)) unread.push(clause);
    else section[c.key] = c.value;
  }
  return { section: section as Partial<RowsSection>, unread };
}

/** The row scoring of a rubric, as compiled (`rubric.project`): what the methods line states. */
export interface RowScoring {
  inverse: 'inverse' | 'linear';
  equals: 'all_or_nothing' | 'proportional';
  levels: { achieved: Exact; partly: Exact };
  overAchievement?: Exact;
  reasonRequired: boolean;
  unmetRounding: 'below_full' | 'as_rounded';
}

/** The lines under a filled-in project sheet that give an indicator's 评分标准 (`评分办法：预算执行率：…`). */
export const RUBRIC_NOTE = '评分办法：';

/** The line under a project sheet that states how its rows are scored. */
export const METHODS_OPENING = '逐行计分：';

const METHOD_CLAUSES: { key: 'inverse' | 'equals' | 'reasonRequired' | 'unmetRounding'; value: string | boolean; text: string }[] = [
  { key: 'inverse', value: 'inverse', text: '反向指标未达到按指标值/实际完成值计分' },
  { key: 'inverse', value: 'linear', text: '反向指标未达到按1-(实际完成值-指标值)/指标值计分' },
  { key: 'equals', value: 'all_or_nothing', text: '“=”型指标未达到不得分' },
  { key: 'equals', value: 'proportional', text: '“=”型指标未达到按比例计分' },
  { key: 'reasonRequired', value: true, text: '未完全达成的行须填写偏差原因' },
  { key: 'reasonRequired', value: false, text: '未完全达成的行不要求填写偏差原因' },
  { key: 'unmetRounding', value: 'below_full', text: '未完成指标值的行得分舍入到满分时记满分减一个精度单位' },
  { key: 'unmetRounding', value: 'as_rounded', text: '未完成指标值的行得分照常舍入' },
];
const LEVELS_CLAUSE = /^定性指标达成、部分达成的下限为分值的(\d+(?:\.\d+)?)%、(\d+(?:\.\d+)?)%$/;
const OVER_CLAUSE = /^完成值达到指标值的(\d+(?:\.\d+)?)%以上时提示偏离$/;

const percentOf = (x: Exact) => x.times(Exact.int(100)).toPlain();

/**
 * Every row-scoring method of a rubric as one line (`逐行计分：反向指标未达到按指标值/实际完成值计分；…`),
 * which {@link readProjectMethods} reads back to the same methods.
 */
export function renderProjectMethods(m: RowScoring): string {
  const pick = (key: (typeof METHOD_CLAUSES)[number]['key']) => METHOD_CLAUSES.find((c) => c.key === key && c.value === m[key])!.text;
  const clauses = [
    pick('inverse'),
    pick('equals'),
    `定性指标达成、部分达成的下限为分值的${percentOf(m.levels.achieved)}%、${percentOf(m.levels.partly)}%`,
    ...(m.overAchievement !== undefined ? [`完成值达到指标值的${percentOf(m.overAchievement)}%以上时提示偏离`] : []),
    pick('reasonRequired'),
    pick('unmetRounding'),
  ];
  return `${METHODS_OPENING}${clauses.join('；')}`;
}

/** The `project:` methods a methods line states (decimal strings for the percentages), and its clauses not read. */
export interface ReadMethods {
  methods: { inverse?: string; equals?: string; levels?: { achieved: string; partly: string }; overAchievement?: string; reasonRequired?: boolean; unmetRounding?: string };
  unread: string[];
}

/** A line that opens with {@link METHODS_OPENING} read as the row-scoring methods, or undefined. */
export function readProjectMethods(line: string): ReadMethods | undefined {
  const t = line.replace(/\s+/gu, '').replace(/[。；]+$/u, '');
  if (!t.startsWith(METHODS_OPENING)) return undefined;
  const methods: ReadMethods['methods'] = {};
  const unread: string[] = [];
  for (const clause of t.slice(METHODS_OPENING.length).split('；').filter((c) => c)) {
    const c = METHOD_CLAUSES.find((x) => x.text === clause);
    const lv = LEVELS_CLAUSE.exec(clause);
    const over = OVER_CLAUSE.exec(clause);
    if (c && methods[c.key] === undefined) (methods as Record<string, unknown>)[c.key] = c.value;
    else if (lv && !methods.levels) methods.levels = { achieved: lv[1]!, partly: lv[2]! };
    else if (over && methods.overAchievement === undefined) methods.overAchievement = over[1]!;
    else unread.push(clause);
  }
  return { methods, unread };
}
