// The workbench's words, Chinese first; English when the reader switches.
export type Lang = 'zh' | 'en';

const WORDS = {
  title: ['绩效评分工作台', 'Performance scoring workbench'],
  subtitle: ['编写评分表、填报、计分、复核，全部在浏览器中完成，不上传任何数据', 'Write the rubric, fill in, score and review, all in the browser; nothing is uploaded'],
  language: ['English', '中文'],
  languageLabel: ['切换到英文', 'Switch to Chinese'],
  open: ['打开', 'Open'],
  example: ['示例', 'Example'],
  bundled: ['内置评分表', 'Bundled rubric'],
  chooseExample: ['选择示例或内置评分表', 'Choose an example or a bundled rubric'],
  openFile: ['打开文件（YAML、CSV、Excel、填报表 JSON）', 'Open a file (YAML, CSV, Excel, filed JSON)'],
  dropHint: ['也可把文件拖放到页面任意位置', 'or drop a file anywhere on the page'],
  save: ['保存', 'Save'],
  saveWhat: ['选择要保存的内容', 'Choose what to save'],
  saveRubric: ['评分表 YAML', 'Rubric YAML'],
  saveBlankXlsx: ['空白评分表 XLSX', 'Blank sheet XLSX'],
  saveBlankDocx: ['空白评分表 DOCX', 'Blank sheet DOCX'],
  saveBlankHtml: ['空白评分表 HTML', 'Blank sheet HTML'],
  saveFilledXlsx: ['评分结果 XLSX', 'Filled sheet XLSX'],
  saveFilledDocx: ['评分结果 DOCX', 'Filled sheet DOCX'],
  saveFilledHtml: ['评分结果 HTML', 'Filled sheet HTML'],
  saveInput: ['评价数据 JSON', 'Evaluation input JSON'],
  saveResult: ['评分结果 JSON', 'Evaluation result JSON'],
  share: ['分享链接', 'Share link'],
  shareLabel: ['分享链接（评分表与评价数据压缩在链接中）', 'Share link (rubric and input compressed into the link)'],
  print: ['打印评分表', 'Print the sheet'],
  tabEdit: ['编辑评分表', 'Edit rubric'],
  tabScore: ['填报与计分', 'Fill in and score'],
  tabImport: ['导入表格', 'Import a sheet'],
  tabReview: ['复核', 'Review'],
  editorLabel: ['评分表 YAML 编辑器', 'Rubric YAML editor'],
  diagnostics: ['检查结果', 'Diagnostics'],
  noProblems: ['评分表可加载，检查未发现问题', 'The rubric loads; no problems found'],
  indicators: ['各指标：评分标准、规则与是否一致', 'Each indicator: its 评分标准, the rule, and whether they agree'],
  standard: ['评分标准', 'Standard (评分标准)'],
  ruleSays: ['规则所述', 'What the rule states'],
  agree: ['一致', 'agree'],
  disagree: ['不一致', 'differ'],
  unread: ['评分标准无法自动读取', 'the standard could not be read'],
  noStandard: ['无评分标准文字', 'no standard text'],
  judgementRule: ['不比较（评价人评分或公式）', 'not compared (judgement or formula)'],
  form: ['评价数据', 'Evaluation input'],
  figures: ['数据', 'Figures'],
  assessments: ['评价人评定', "Evaluator's assessments"],
  rows: ['指标行', 'Indicator rows'],
  vetoes: ['一票否决', 'Vetoes'],
  notApplicable: ['不适用', 'not applicable'],
  score: ['得分', 'Score'],
  level: ['档次', 'Level'],
  reason: ['扣分原因', 'Reason'],
  choose: ['（请选择）', '(choose)'],
  addRow: ['添加一行', 'Add a row'],
  removeRow: ['删除此行', 'Remove this row'],
  rowGroup: ['二级指标', 'Group'],
  rowName: ['三级指标', 'Indicator'],
  rowTarget: ['年度指标值', 'Target'],
  rowActual: ['实际完成值', 'Actual'],
  rowWeight: ['分值', 'Weight'],
  result: ['评分结果', 'Result'],
  total: ['总分', 'Total'],
  grade: ['等次', 'Grade'],
  reasons: ['扣分原因', 'Reasons for points lost'],
  noReasons: ['没有扣分', 'No points lost'],
  explainTitle: ['差多少可得满分', 'What would earn full marks'],
  cannotScore: ['无法计分', 'Cannot score'],
  rubricBroken: ['评分表有错误，请先在“编辑评分表”中修正', 'The rubric has errors; fix them under “Edit rubric” first'],
  importTitle: ['从表格生成评分表草稿', 'Draft a rubric from a sheet'],
  importHelp: ['拖放或打开 CSV、Excel（.xlsx）文件，或把 Word 中的评分表表格复制后粘贴到下面（制表符分隔）。表头需含 一级指标、二级指标、三级指标、评分标准、分值。', 'Drop or open a CSV or Excel (.xlsx) file, or copy the score table from Word and paste it below (tab-separated). Headers: 一级指标, 二级指标, 三级指标, 评分标准, 分值.'],
  pasteLabel: ['粘贴的表格', 'Pasted table'],
  importPasted: ['从粘贴的表格生成草稿', 'Draft from the pasted table'],
  importHunan: ['试用：湖南省部门整体支出评分表（CSV）', 'Try: the Hunan department sheet (CSV)'],
  todos: ['待处理的 TODO', 'TODOs to decide'],
  noTodos: ['没有待处理的 TODO', 'No TODO left'],
  goTo: ['在编辑器中查看', 'Show in the editor'],
  resolve: ['已核对，删除此 TODO', 'Checked: remove this TODO'],
  line: ['第 {n} 行', 'line {n}'],
  draftSummary: ['草稿：{indicators} 个指标（{leaves} 个末级），{parsed} 个评分标准已识别为规则，{todos} 处 TODO 待处理', 'Draft: {indicators} indicators ({leaves} leaves), {parsed} standards read as rules, {todos} TODOs to decide'],
  problems: ['指标树需要核对', 'The tree needs checking'],
  reviewTitle: ['复核填报的自评表', 'Review a filed 自评表'],
  reviewHelp: ['粘贴或拖放填报表（JSON，含 filed 填报得分），按当前评分表的规则逐行复核。', 'Paste or drop a filed form (JSON with its filed scores); each row is checked against the current rubric.'],
  filedLabel: ['填报表 JSON', 'Filed form JSON'],
  runReview: ['复核', 'Review'],
  findings: ['复核发现', 'Findings'],
  clean: ['复核未发现问题', 'No finding'],
  findingsCount: ['{n} 处发现', '{n} findings'],
  filedTotal: ['填报总分', 'Filed total'],
  ruleTotal: ['按规则应得', 'By the rules'],
  reviewColumn: ['复核意见', 'Review'],
  kept: ['已自动保存在本机浏览器中', 'Kept in this browser'],
  loaded: ['已打开：{name}', 'Opened: {name}'],
  fileUnknown: ['无法识别的文件：{name}', 'Unrecognised file: {name}'],
  saving: ['正在生成 {what}…', 'Writing {what}…'],
  saved: ['已保存：{name}', 'Saved: {name}'],
  copy: ['复制', 'Copy'],
  bundledRubrics: ['内置评分表', 'Bundled rubrics'],
  examples: ['示例（评分表 + 评价数据）', 'Examples (rubric + input)'],
} as const satisfies Record<string, readonly [string, string]>;

export type Word = keyof typeof WORDS;
let lang: Lang = 'zh';
export const getLang = (): Lang => lang;
export const setLang = (l: Lang) => {
  lang = l;
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
};

/** The word in the reader's language, `{name}` filled in. */
export function t(key: Word, params: Record<string, string | number> = {}): string {
  const text: string = WORDS[key][lang === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** An issue's or finding's message in the reader's language. */
export const msg = (x: { message: string; messageEn: string }) => (lang === 'zh' ? x.message : x.messageEn);

/** Every element marked data-i18n (its text) or data-i18n-label (its aria-label) in the reader's language. */
export function translatePage() {
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as Word);
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel as Word));
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle as Word);
}
