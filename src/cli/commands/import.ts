import { importEvaluation, importSheet } from '../../entries/authoring.js';
import { parseColumns, type ColumnMap } from '../../import/columns.js';
import { decodeTable } from '../../import/decode.js';
import { choice, loadRubricArg, shown, type Command, type CommandContext } from '../context.js';

/** `-o file` / `--output file`, the rest positional. */
export function outputArg(args: string[], flags: Map<string, string | true>): { rest: string[]; output?: string } | undefined {
  const rest: string[] = [];
  let output = typeof flags.get('output') === 'string' ? (flags.get('output') as string) : undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-o') {
      output = args[++i];
      if (output === undefined) return undefined;
    } else rest.push(args[i]!);
  }
  return output === undefined ? { rest } : { rest, output };
}

export const importCommand: Command = {
  name: 'import',
  usage: 'jixiao import <评分表.csv|.md|.xlsx> [-o 草稿.yaml] [--id id] [--name 名称] [--columns 表头=列名,…] [--sheet 工作表] | jixiao import <自评表.csv|.md|.xlsx> --rubric <评分表> [--filed] [-o 评价数据.json]',
  summary: '把评分表表格转成 YAML 评分表草稿；加 --rubric 时把填好的自评表转成评价数据 · draft a rubric from a score sheet table, or (--rubric) read a filled-in 自评表 into an evaluation input',
  options: { output: 'value', id: 'value', name: 'value', format: 'value', rubric: 'value', columns: 'value', sheet: 'value', filed: 'flag', 'extends-root': 'value' },
  run(ctx) {
    const a = outputArg(ctx.args, ctx.flags);
    if (!a || a.rest.length !== 1) {
      ctx.err(`用法 · usage: ${this.usage}\n`);
      return 2;
    }
    const chosen = choice(ctx, 'format', ['csv', 'md'] as const);
    if (!chosen) return 2;
    const format = chosen.value;
    const f = ctx.read(a.rest[0]!);
    if (!f.ok) {
      ctx.report([f.issue]);
      return 1;
    }
    const file = f.file;
    const given = ctx.flags.get('columns');
    let columns: ColumnMap | undefined;
    if (typeof given === 'string') {
      const c = parseColumns(given);
      if (!c.ok) {
        ctx.err(`--columns 应为“表头=列名,表头=列名”，无法读取“${shown(c.bad)}” · --columns must be "header=column,header=column", cannot read "${shown(c.bad)}"\n`);
        return 2;
      }
      columns = c.columns;
    }
    // An Excel workbook (by its name or its zip signature) is read with exceljs, one sheet.
    if (/\.xlsx$/i.test(file) || (f.bytes[0] === 0x50 && f.bytes[1] === 0x4b && f.bytes[2] === 3 && f.bytes[3] === 4)) {
      const sheet = typeof ctx.flags.get('sheet') === 'string' ? (ctx.flags.get('sheet') as string) : undefined;
      return import('../../import/xlsx.js').then(async ({ readXlsxTable }) => {
        const t = await readXlsxTable(f.bytes, { file, ...(sheet !== undefined ? { sheet } : {}) });
        if (!t.success) {
          ctx.report(t.issues);
          return 1;
        }
        if (t.value.sheets.length > 1) ctx.err(ctx.say(`已读取工作表“${shown(t.value.sheet)}”（共 ${t.value.sheets.length} 个，--sheet 可选其他）\n`, `read worksheet "${shown(t.value.sheet)}" (of ${t.value.sheets.length}; --sheet picks another)\n`));
        return imported(ctx, t.value.text, file, 'csv', a.output, columns);
      });
    }
    const decoded = decodeTable(f.bytes, file);
    if ('issue' in decoded) {
      ctx.report([decoded.issue]);
      return 1;
    }
    if (decoded.encoding === 'GBK') ctx.err(ctx.say(`“${shown(file)}”不是 UTF-8，已按 GBK（GB18030）解码\n`, `"${shown(file)}" is not UTF-8: decoded as GBK (GB18030)\n`));
    return imported(ctx, decoded.text, file, format, a.output, columns);
  },
};

/** Import decoded table text: a 自评表 into an input with --rubric, else a sheet into a draft rubric. */
function imported(ctx: CommandContext, text: string, file: string, format: 'csv' | 'md' | undefined, output: string | undefined, columns: ColumnMap | undefined): number {
  const str = (k: string) => (typeof ctx.flags.get(k) === 'string' ? (ctx.flags.get(k) as string) : undefined);
  const rubricName = str('rubric');
  if (rubricName !== undefined) {
    const rubric = loadRubricArg(ctx, rubricName);
    if (!rubric.success) {
      ctx.report(rubric.issues);
      return 1;
    }
    const e = importEvaluation(text, rubric.value, { file, ...(format ? { format } : {}), ...(columns ? { columns } : {}), ...(ctx.flags.get('filed') === true ? { filed: true } : {}) });
    if (!e.success) {
      ctx.report(e.issues);
      return 1;
    }
    if (output) {
      if (!ctx.write(output, e.value.json)) return 1;
    } else ctx.out(e.value.json);
    const sections = rubric.value.plan.rowSections.filter((s) => e.value.rows[s.id]);
    // With --filed: the subtotals and the grade the form printed, where it printed them.
    const printed = e.value.filed?.filed;
    const subtotals = Object.keys(printed?.scores ?? {}).filter((k) => rubric.value.plan.rowSections.some((s) => k === s.id || k.startsWith(`${s.id}.`))).length;
    const grade = typeof printed?.grade === 'string' ? printed.grade : undefined;
    const zh = sections.map((s) => `${s.name} ${e.value.rows[s.id]} 行`).join('、') + (e.value.statedTotal !== undefined ? `；表中自评总分 ${e.value.statedTotal}` : '') + (subtotals ? `；小计 ${subtotals} 项` : '') + (grade !== undefined ? `；等级 ${grade}` : '');
    const en = sections.map((s) => `${s.name}: ${e.value.rows[s.id]} ${e.value.rows[s.id] === 1 ? 'row' : 'rows'}`).join(', ') + (e.value.statedTotal !== undefined ? `; the form states a total of ${e.value.statedTotal}` : '') + (subtotals ? `; ${subtotals} subtotal${subtotals > 1 ? 's' : ''}` : '') + (grade !== undefined ? `; grade ${grade}` : '');
    ctx.err(`✔ ${shown(output ?? file)}: ${ctx.say(zh, en)}\n`);
    for (const n of e.value.notes) ctx.err(`  ${ctx.say(n.zh, n.en)}\n`);
    return 0;
  }
  if (ctx.flags.get('filed') === true) {
    ctx.err('--filed 用于自评表（须同时给出 --rubric）· --filed reads a 自评表 and needs --rubric\n');
    return 2;
  }
  const id = str('id');
  const name = str('name');
  const r = importSheet(text, { file, ...(format ? { format } : {}), ...(id ? { id } : {}), ...(name ? { name } : {}), ...(columns ? { columns } : {}) });
  if (!r.success) {
    ctx.report(r.issues);
    return 1;
  }
  const v = r.value;
  if (output) {
    if (!ctx.write(output, v.yaml)) return 1;
  } else ctx.out(v.yaml);
  const zh = `${v.indicators} 个指标（${v.leaves} 个末级），${v.parsed} 个评分标准已识别为规则，${v.todos} 处 TODO 待处理`;
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  const en = `${n(v.indicators, 'indicator', 'indicators')} (${n(v.leaves, 'leaf', 'leaves')}), ${n(v.parsed, 'standard', 'standards')} read as rules, ${n(v.todos, 'TODO', 'TODOs')} to resolve`;
  // A draft whose tree the sheet's own figures do not confirm is never reported with ✔.
  if (!v.problems.length) {
    ctx.err(`✔ ${shown(output ?? file)}: ${ctx.say(zh, en)}\n`);
    return 0;
  }
  ctx.err(`⚠ ${shown(output ?? file)}: ${ctx.say(zh, en)}\n`);
  ctx.err(ctx.say(`  草稿的指标树需要核对（${v.problems.length} 处，已在草稿中标为 TODO）：\n`, `  the draft's tree needs checking (${v.problems.length}, each a TODO in the draft):\n`));
  for (const p of v.problems) ctx.err(`  ${ctx.say(shown(p.zh), shown(p.en))}\n`);
  return 0;
}
