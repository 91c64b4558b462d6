/** The three seed examples, scored from their inputs, for the sheet tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate, loadBundledRubric, type EvaluationInput, type ScoreResult } from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const readJson = (f: string) => JSON.parse(readFileSync(`${root}${f}`, 'utf8'));

export interface Example {
  input: EvaluationInput & { meta?: Record<string, unknown> };
  result: ScoreResult;
}

function example(rubric: string, dir: string): Example {
  const input = readJson(`examples/${dir}/input.json`);
  return { input, result: evaluate(loadBundledRubric(rubric), input) };
}

/** 云溪区委办 2021 (examples/yunxi-2021/source.md): 99, 优秀. */
export const yunxi = (): Example => example('hunan-department', 'yunxi-2021');
/** 昆明市政府办公厅 2017 (examples/kunming-2017/source.md): 96, 优. */
export const kunming = (): Example => example('kunming-department', 'kunming-2017');
/** 汨罗市政务服务中心 2018 项目支出 (examples/miluo-2018-project/source.md), completed as its README says: 97.86, 优. */
export const miluo = (): Example => example('project-self-evaluation', 'miluo-2018-project');

/** A minimal CSV reader (quotes, doubled quotes, CRLF): the rows Excel would see. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}
