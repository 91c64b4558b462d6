/**
 * jixiao/docx — a result as a Word document, the 评分表 for the 自评报告. Needs the optional
 * dependency docx (`npm i docx`); nothing else in jixiao loads it.
 */
export { renderDocx } from '../report/docx.js';
export type { DocxOptions } from '../report/docx.js';
