import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/entries/docx.js';
import { renderXlsx, numberFormat } from '../../src/entries/xlsx.js';
import { kunming, miluo, yunxi } from './examples.js';

async function readXlsx(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb.worksheets[0]!;
}

/** The row whose column A or C (or any) says `text`. */
const rowOf = (ws: ExcelJS.Worksheet, text: string) => {
  let found = 0;
  ws.eachRow((row, n) => {
    if (!found && row.values && (row.values as unknown[]).some((v) => v === text)) found = n;
  });
  return found;
};

describe('renderXlsx: the Yunxi 2021 sheet read back with exceljs, cell by cell', async () => {
  const { result, input } = yunxi();
  const ws = await readXlsx(await renderXlsx(result, { input }));

  it('title, meta and rubric lines, merged across the table', () => {
    expect(ws.name).toBe('评分表');
    expect(ws.getCell('A1').value).toBe('湖南省部门整体支出绩效评价评分表');
    expect(ws.getCell('G1').master.address).toBe('A1');
    expect(ws.getCell('A2').value).toBe('单位：中共岳阳市云溪区委办公室    年度：2021    评价人：部门（单位）评价组    评价方式：部门（单位）绩效自评');
    expect(String(ws.getCell('A3').value)).toMatch(/^评分表：湖南省部门整体支出绩效评价评分表（2021版） · hunan-department · 指纹 sha256:[0-9a-f]{64}$/);
  });

  it('the heading row, the parents as merged cells with 分值 and 小计, figures as numbers', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => ws.getCell(4, c).value)).toEqual(['一级指标', '二级指标', '三级指标', '评分标准', '分值', '得分', '扣分原因和其他说明']);
    expect(ws.getCell('A5').value).toBe('投入（15分）\n得15分');
    expect(ws.getCell('A7').master.address).toBe('A5'); // 投入 over its three rows
    expect(ws.getCell('A8').value).toBe('过程（40分）\n得39分');
    expect(ws.getCell('A19').master.address).toBe('A8'); // 过程 over twelve
    expect(ws.getCell('A20').master.address).toBe('A20');
    expect(ws.getCell('B12').value).toBe('预算管理（15分）\n得14分');
    expect(ws.getCell('B16').master.address).toBe('B12');
    const r = rowOf(ws, '管理制度健全性');
    expect(r).toBe(12);
    expect(ws.getCell(r, 5).value).toBe(3);
    expect(ws.getCell(r, 6).value).toBe(2);
    expect(ws.getCell(r, 6).numFmt).toBe('0');
    expect(ws.getCell(r, 7).value).toBe('未达到第②项“相关管理制度合法、合规、完整”，扣1分；相关管理制度需进一步健全完善');
    const total = rowOf(ws, '合计');
    expect(total).toBe(28); // 4 + 23 leaves + 1
    expect(ws.getCell(total, 4).master.address).toBe(`A${total}`);
    expect([ws.getCell(total, 5).value, ws.getCell(total, 6).value]).toEqual([100, 99]);
    expect(ws.getCell(total + 1, 1).value).toBe('评价等次');
    expect(ws.getCell(total + 1, 5).value).toBe('优秀');
    expect(ws.getCell(total + 1, 7).master.address).toBe(`E${total + 1}`);
    expect(ws.getCell(total, 7).border?.right?.style).toBe('thin');
  });

  it('column widths and the print setup: A4 landscape, one page wide, the heading row on every page', () => {
    expect(ws.columns.map((c) => c.width)).toEqual([30, 30, 46, 98, 16, 16, 74]);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.printTitlesRow).toBe('4:4');
    expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
  });
});

describe('renderXlsx: the project form and Kunming', () => {
  it('汨罗 2018: the funds block, the rows, 4.86 with two places', async () => {
    const { result, input } = miluo();
    const ws = await readXlsx(await renderXlsx(result, { input }));
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getCell(4, c).value)).toEqual(['项目资金（万元）', '全年预算数', '全年执行数', '分值', '执行率（%）', '得分']);
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getCell(5, c).value)).toEqual(['预算执行率', 221, 221, 10, 100, 10]);
    expect(ws.getCell(7, 4).value).toBe('年度指标值');
    const r = rowOf(ws, '群众满意率');
    expect([4, 5, 6, 7].map((c) => ws.getCell(r, c).value)).toEqual(['≥95%', '92.4%', 5, 4.86]);
    expect(ws.getCell(r, 7).numFmt).toBe('0.00');
    expect(ws.getCell(r, 1).master.address).toBe('A19');
    const total = rowOf(ws, '合计');
    expect(ws.getCell(total, 7).value).toBe(97.86);
    expect(ws.pageSetup.printTitlesRow).toBe('7:7');
  });

  it('昆明 2017: 71 leaves, 合计 96, 优', async () => {
    const { result, input } = kunming();
    const ws = await readXlsx(await renderXlsx(result, { input }));
    const total = rowOf(ws, '合计');
    expect(total).toBe(4 + 71 + 1);
    expect(ws.getCell(total, 6).value).toBe(96);
    expect(ws.getCell(total + 1, 5).value).toBe('优');
  });

  it('number formats show each figure as the result writes it', () => {
    expect(['5', '4.86', '0.5', '97.86', '-3'].map(numberFormat)).toEqual(['0', '0.00', '0.0', '0.00', '0']);
  });
});

describe('renderDocx: the Word table read back from the package, cell by cell', async () => {
  const docText = async (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']!);
  const rows = (xml: string) => [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
  const cells = (tr: string) => [...tr.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) => [...m[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('\n'));

  it('Yunxi 2021: A4 landscape, the heading row repeated, 投入 merged down three rows, 合计 99, 优秀', async () => {
    const { result, input } = yunxi();
    const xml = await docText(await renderDocx(result, { input }));
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const trs = rows(xml);
    expect(trs).toHaveLength(1 + 23 + 2);
    expect(trs[0]).toContain('<w:tblHeader/>');
    expect(cells(trs[0]!)).toEqual(['一级指标', '二级指标', '三级指标', '评分标准', '分值', '得分', '扣分原因和其他说明']);
    expect(cells(trs[1]!).slice(0, 3)).toEqual(['投入（15分）\n得15分', '预算配置（15分）\n得15分', '财政供养人员控制率']);
    expect(trs[1]).toContain('<w:vMerge w:val="restart"/>');
    // Word writes the covered cells of a vertical merge as empty continuation cells.
    expect(trs[2]!.match(/<w:vMerge w:val="continue"\/>/g)).toHaveLength(2);
    const rule = trs.find((t) => cells(t).includes('管理制度健全性') && cells(t).includes('2'))!;
    expect(cells(rule).slice(-3)).toEqual(['3', '2', '未达到第②项“相关管理制度合法、合规、完整”，扣1分；相关管理制度需进一步健全完善']);
    expect(cells(trs[24]!)).toEqual(['合计', '100', '99', '']);
    expect(trs[24]).toContain('<w:gridSpan w:val="4"/>');
    expect(cells(trs[25]!)).toEqual(['评价等次', '优秀']);
    expect(xml).toContain('单位：中共岳阳市云溪区委办公室');
    expect(xml).toContain('w:eastAsia="SimSun"');
  });

  it('汨罗 2018 project form: the funds table and the rows', async () => {
    const { result, input } = miluo();
    const xml = await docText(await renderDocx(result, { input }));
    const trs = rows(xml);
    expect(cells(trs[1]!)).toEqual(['预算执行率', '221', '221', '10', '100', '10', '']);
    const row = trs.find((t) => cells(t).includes('群众满意率'))!;
    expect(cells(row)).toEqual(['', '', '群众满意率', '≥95%', '92.4%', '5', '4.86', '12345热线回访590件，545件满意，回访满意率92.4%；完成值92.4%，指标值≥95%，完成比例97.26%，得4.86分，扣0.14分']);
  });
});

describe('renderXlsx: any sheet name gives a workbook (Excel forbids [ ] : * ? / \\ and more than 31 characters)', () => {
  const { result, input } = yunxi();

  it('评分表[2024]: a/b*c?\\d becomes its full-width forms, cut to 31 characters', async () => {
    const ws = await readXlsx(await renderXlsx(result, { input, sheetName: '评分表[2024]: a/b*c?\\d 云溪区委办公室部门整体支出绩效评价' }));
    expect(ws.name).toBe('评分表［2024］： a／b＊c？＼d 云溪区委办公室部门整体支'.slice(0, 31));
    expect(ws.name.length).toBe(31);
  });

  it("'History', quotes at the ends and a name of only quotes", async () => {
    expect((await readXlsx(await renderXlsx(result, { input, sheetName: 'History' }))).name).toBe('评分表');
    expect((await readXlsx(await renderXlsx(result, { input, sheetName: "''" }))).name).toBe('评分表');
    expect((await readXlsx(await renderXlsx(result, { input, sheetName: "'评分'" }))).name).toBe('评分');
  });

  it('property: a name of any of those characters, quotes, surrogate pairs and text is written and read back as Excel allows', async () => {
    const { worksheetName } = await import('../../src/report/xlsx.js');
    const names = fc.string({ unit: fc.constantFrom('[', ']', ':', '*', '?', '/', '\\', "'", '评', 'a', ' ', '𠀀', '\u3000'), maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const want = worksheetName(name);
        expect(want).not.toMatch(/[[\]:*?/\\]|^'|'$/);
        expect([...want].length).toBeGreaterThan(0);
        expect(want.length).toBeLessThanOrEqual(31);
        expect(want).not.toMatch(/[\uD800-\uDBFF]$/);
        expect((await readXlsx(await renderXlsx(result, { input, sheetName: name }))).name).toBe(want);
      }),
      { numRuns: 25 },
    );
  });
});
