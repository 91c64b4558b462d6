// The workbench: a rubric's YAML in an editor with its diagnostics, the input form generated from
// its inputs, the 评分表 scored as you type, the importer's draft with its TODOs, and the review of
// a filed form. Everything runs in the page; nothing leaves it.
import { autocompletion, closeBrackets, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml as yamlLanguage } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { bundledRubricIds, bundledRubricSource, safeEvaluate, type Indicator, type Issue, type Rubric, type ScoreResult } from '../../src/index.js';
import { decodeTable, figureNamesOf, importSheet, lintRubric, renderStandard, rubricJsonSchema, type LintReport } from '../../src/entries/authoring.js';
import { explain, renderSheet } from '../../src/entries/report.js';
import { safeReview, type Finding, type Review } from '../../src/entries/review.js';
import { EXAMPLES, HUNAN_SHEET_CSV } from 'playground:examples';
import { getLang, msg, setLang, t, translatePage, type Lang } from './i18n.js';
import { tableFromHtml } from './paste.js';
import { SchemaAssist } from './schema-assist.js';

// ---------------------------------------------------------------------------------------------
// The work in progress: what the page keeps in local storage and puts in a share link.

type Row = Record<string, string>;
interface Assessment {
  score?: string;
  level?: string;
  reason?: string;
  items?: Record<string, boolean | string>;
  notApplicable?: boolean;
}
interface InputDoc {
  meta?: Record<string, unknown>;
  values?: Record<string, string | number>;
  assessments?: Record<string, Assessment>;
  rows?: Record<string, Row[]>;
  vetoes?: Record<string, string>;
}
type View = 'edit' | 'score' | 'import' | 'review';
interface Work {
  yaml: string;
  file: string;
  input: InputDoc;
  filed: string;
  view: View;
  lang: Lang;
  paste: string;
}

const STORE = 'jixiao-workbench';
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
};

const work: Work = { yaml: '', file: 'rubric.yaml', input: {}, filed: '', view: 'edit', lang: 'zh', paste: '' };

// ---------------------------------------------------------------------------------------------
// The rubric: loaded and linted once per text.

let analysed: { text: string; report: LintReport } | undefined;
function analyse(text: string): LintReport {
  if (analysed?.text !== text) analysed = { text, report: lintRubric(text, { file: work.file }) };
  return analysed.report;
}
const currentRubric = (): Rubric | undefined => analyse(work.yaml).rubric;

// ---------------------------------------------------------------------------------------------
// The editor.

const assist = new SchemaAssist(rubricJsonSchema());

function diagnosticsOf(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  const report = analyse(text);
  return report.issues.map((i) => {
    let from = 0;
    let to = 0;
    if (i.source && i.source.line <= view.state.doc.lines) {
      const line = view.state.doc.line(i.source.line);
      from = Math.min(line.from + Math.max(0, i.source.column - 1), line.to);
      to = from < line.to ? line.to : from;
    }
    return { from, to, severity: i.severity === 'info' ? 'info' : i.severity, message: `${msg(i)} [${i.code}]`, source: 'jixiao' };
  });
}

let editorTimer: ReturnType<typeof setTimeout> | undefined;
const editor = new EditorView({
  parent: $('editor'),
  state: EditorState.create({
    doc: '',
    extensions: [
      lineNumbers(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      highlightActiveLine(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      yamlLanguage(),
      EditorView.lineWrapping,
      autocompletion({ override: [assist.complete], activateOnTyping: true }),
      assist.hover,
      lintGutter(),
      linter(diagnosticsOf, { delay: 300 }),
      keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.contentAttributes.of({ 'aria-labelledby': 'editor-title', 'aria-multiline': 'true' }),
      EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        work.yaml = u.state.doc.toString();
        clearTimeout(editorTimer);
        editorTimer = setTimeout(() => rubricChanged(), 300);
      }),
    ],
  }),
});

function setEditorText(text: string) {
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  work.yaml = text;
  clearTimeout(editorTimer);
  rubricChanged();
  forceLinting(editor);
}

function goToLine(n: number) {
  showView('edit');
  const line = editor.state.doc.line(Math.min(Math.max(1, n), editor.state.doc.lines));
  editor.dispatch({ selection: { anchor: line.from, head: line.to }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
  editor.focus();
}

// ---------------------------------------------------------------------------------------------
// Views.

function showView(v: View) {
  work.view = v;
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role=tab]')) {
    const on = tab.dataset.view === v;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
  }
  for (const s of document.querySelectorAll<HTMLElement>('.view')) s.hidden = s.id !== `view-${v}`;
  syncPrint();
  if (v === 'edit') editor.requestMeasure();
  keep();
}

// ---------------------------------------------------------------------------------------------
// The rubric changed: its diagnostics, its indicators, its form, the score.

let formFingerprint = '';
function rubricChanged() {
  const report = analyse(work.yaml);
  renderDiagnostics(report);
  renderIndicators(report);
  if (report.rubric && report.rubric.fingerprint !== formFingerprint) {
    formFingerprint = report.rubric.fingerprint;
    renderForm(report.rubric);
  }
  rescore();
  keep();
}

function renderDiagnostics(report: LintReport) {
  const list = $('diagnostics');
  list.replaceChildren();
  if (!report.issues.length) {
    list.append(el('li', { class: 'ok' }, t('noProblems')));
    return;
  }
  for (const i of report.issues) {
    const line = i.source?.line;
    const item = el('li', { class: i.severity, ...(line ? { 'data-line': String(line) } : {}) });
    if (line) {
      const b = el('button', { type: 'button', class: 'link' }, `${t('line', { n: line })}${i.source?.column ? `:${i.source.column}` : ''}`);
      b.addEventListener('click', () => goToLine(line));
      item.append(b, ' ');
    }
    item.append(el('span', { class: 'sev' }, i.severity), ' ', msg(i), ' ', el('code', {}, i.code));
    list.append(item);
  }
}

function leavesOf(list: readonly Indicator[], out: Indicator[] = []): Indicator[] {
  for (const n of list) {
    if (n.children.length === 0 || n.rows) out.push(n);
    else leavesOf(n.children, out);
  }
  return out;
}

function renderIndicators(report: LintReport) {
  const rubric = report.rubric;
  const host = $('indicators');
  host.replaceChildren();
  if (!rubric) {
    host.append(el('p', { class: 'muted' }, t('rubricBroken')));
    return;
  }
  const names = figureNamesOf(rubric);
  const table = el('table', { class: 'indicators' });
  table.append(el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('rowName')), el('th', { scope: 'col' }, t('standard')), el('th', { scope: 'col' }, t('ruleSays')), el('th', { scope: 'col' }, '✓'))));
  const body = el('tbody');
  for (const n of leavesOf(rubric.indicators)) {
    let stated = '';
    let verdict: 'agree' | 'disagree' | 'unread' | 'noStandard' | 'judgementRule' = 'noStandard';
    if (n.rule) {
      try {
        stated = renderStandard(n.rule, n.max, names);
      } catch {
        stated = n.kind ?? '';
      }
    } else if (n.rows) stated = t('rows');
    // The lint's own comparison (standard-text: the 评分标准 read as a rule, then compared figure
    // by figure), so the page and `jixiao lint` say the same.
    const said = report.issues.find((i) => i.indicator === n.path && (i.code === 'standard_mismatch' || i.code === 'standard_unread'));
    let why = '';
    if (n.kind === 'judgement' || n.kind === 'formula') verdict = 'judgementRule';
    else if (n.standard && n.rule) {
      verdict = said?.code === 'standard_mismatch' ? 'disagree' : said?.code === 'standard_unread' ? 'unread' : 'agree';
      if (said) why = msg(said);
    }
    const mark = { agree: '✓', disagree: '✗', unread: '?', noStandard: '–', judgementRule: '✎' }[verdict];
    body.append(
      el(
        'tr',
        { 'data-path': n.path, class: verdict },
        el('th', { scope: 'row' }, n.name, el('span', { class: 'max' }, ` ${n.max.toString()}`)),
        el('td', { class: 'std' }, n.standard ?? ''),
        el('td', { class: 'rule' }, stated),
        el('td', { class: 'verdict', title: why || t(verdict) }, `${mark} ${t(verdict)}`, ...(why && verdict === 'disagree' ? [el('span', { class: 'why' }, why)] : [])),
      ),
    );
  }
  table.append(body);
  host.append(table);
}

// ---------------------------------------------------------------------------------------------
// The input form, generated from the rubric.

const cleanInput = (doc: InputDoc): InputDoc => {
  const out: InputDoc = {};
  if (doc.meta) out.meta = doc.meta;
  const values = Object.fromEntries(Object.entries(doc.values ?? {}).filter(([, v]) => String(v).trim() !== ''));
  if (Object.keys(values).length) out.values = values;
  const assessments: Record<string, Assessment> = {};
  for (const [id, a] of Object.entries(doc.assessments ?? {})) {
    const c: Assessment = {};
    if (a.notApplicable) c.notApplicable = true;
    if (a.score !== undefined && String(a.score).trim() !== '') c.score = String(a.score).trim();
    if (a.level) c.level = a.level;
    if (a.reason && a.reason.trim()) c.reason = a.reason;
    if (a.items && Object.keys(a.items).length) c.items = a.items;
    if (Object.keys(c).length) assessments[id] = c;
  }
  if (Object.keys(assessments).length) out.assessments = assessments;
  if (doc.rows) {
    const rows: Record<string, Row[]> = {};
    for (const [id, list] of Object.entries(doc.rows)) rows[id] = list.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => String(v).trim() !== '')) as Row);
    out.rows = rows;
  }
  const vetoes = Object.fromEntries(Object.entries(doc.vetoes ?? {}).filter(([, v]) => v.trim() !== ''));
  if (Object.keys(vetoes).length) out.vetoes = vetoes;
  return out;
};

let fieldSeq = 0;
function field(labelText: string, control: HTMLElement, extra: (Node | string)[] = [], hint?: string): HTMLElement {
  const id = `f${++fieldSeq}`;
  control.id = id;
  const label = el('label', { for: id }, labelText);
  if (hint) label.title = hint;
  return el('div', { class: 'field' }, label, control, ...extra);
}

function textInput(value: string | number | undefined, onInput: (v: string) => void, attrs: Record<string, string> = {}): HTMLInputElement {
  const i = el('input', { type: 'text', ...attrs });
  i.value = value === undefined ? '' : String(value);
  i.addEventListener('input', () => {
    onInput(i.value);
    inputChanged();
  });
  return i;
}

function checkbox(checked: boolean, onChange: (v: boolean) => void): HTMLInputElement {
  const c = el('input', { type: 'checkbox' });
  c.checked = checked;
  c.addEventListener('change', () => {
    onChange(c.checked);
    inputChanged();
  });
  return c;
}

function select(options: string[], value: string | undefined, onChange: (v: string) => void): HTMLSelectElement {
  const s = el('select');
  s.append(el('option', { value: '' }, t('choose')), ...options.map((o) => el('option', { value: o }, o)));
  s.value = value ?? '';
  s.addEventListener('change', () => {
    onChange(s.value);
    inputChanged();
  });
  return s;
}

function renderForm(rubric: Rubric) {
  const host = $('form-body');
  host.replaceChildren();
  const doc = work.input;
  doc.values ??= {};
  doc.assessments ??= {};
  const values = doc.values;
  const assessments = doc.assessments;
  const assessment = (id: string) => (assessments[id] ??= {});

  if (rubric.inputs.size) {
    const fs = el('fieldset', { class: 'figures' }, el('legend', {}, t('figures')));
    for (const [name, info] of rubric.inputs) {
      const unit = info.type === 'percent' ? '%' : info.unit;
      const range = [info.min?.toString(), info.max?.toString()].some((x) => x !== undefined) ? `${info.min?.toString() ?? ''}–${info.max?.toString() ?? ''}` : '';
      const input = textInput(values[name], (v) => (values[name] = v.trim()), { inputmode: 'decimal', 'data-input': name, autocomplete: 'off', ...(range ? { placeholder: range } : {}) });
      fs.append(field(info.label || name, input, unit ? [el('span', { class: 'unit' }, unit)] : [], info.description));
    }
    host.append(fs);
  }

  const judged = el('fieldset', { class: 'assessments' }, el('legend', {}, t('assessments')));
  const walk = (list: readonly Indicator[]) => {
    for (const n of list) {
      const canSkip = n.notApplicable !== 'forbidden';
      const isLeaf = n.children.length === 0 && !n.rows;
      const rule = n.rule as unknown as { kind: string; levels?: { level: string }[]; items?: { id?: string; text: string }[]; scale?: { level: string }[] } | undefined;
      const asks = isLeaf && (rule?.kind === 'judgement' || rule?.kind === 'checklist');
      if (canSkip || asks) {
        const box = el('div', { class: 'assessment', 'data-indicator': n.id });
        box.append(el('h4', {}, n.name, el('span', { class: 'max' }, ` ${n.max.toString()}`)));
        if (canSkip) {
          const na = checkbox(assessments[n.id]?.notApplicable === true, (v) => (assessment(n.id).notApplicable = v || undefined));
          box.append(field(t('notApplicable'), na, [], undefined));
          box.lastElementChild?.classList.add('switch');
        }
        if (asks && rule?.kind === 'judgement') {
          if (rule.levels) box.append(field(t('level'), select(rule.levels.map((l) => l.level), assessments[n.id]?.level, (v) => (assessment(n.id).level = v || undefined))));
          else box.append(field(t('score'), textInput(assessments[n.id]?.score, (v) => (assessment(n.id).score = v), { inputmode: 'decimal', 'data-score': n.id, placeholder: `0–${n.max.toString()}` })));
        }
        if (asks && rule?.kind === 'checklist' && rule.items) {
          const items = el('div', { class: 'items', role: 'group', 'aria-label': n.name });
          rule.items.forEach((it, i) => {
            const id = it.id ?? String(i + 1);
            const current = assessments[n.id]?.items?.[id];
            const set = (v: boolean | string) => ((assessment(n.id).items ??= {})[id] = v);
            const control = rule.scale ? select(rule.scale.map((s) => s.level), typeof current === 'string' ? current : undefined, set) : checkbox(current === true, set);
            // An item not yet assessed shows as such (neither met nor missed) until it is clicked.
            if (!rule.scale && current === undefined) (control as HTMLInputElement).indeterminate = true;
            items.append(field(`${id}. ${it.text}`, control));
            items.lastElementChild?.classList.add(rule.scale ? 'item-level' : 'switch');
          });
          box.append(items);
        }
        if (asks) box.append(field(t('reason'), textInput(assessments[n.id]?.reason, (v) => (assessment(n.id).reason = v), { 'data-reason': n.id })));
        judged.append(box);
      }
      if (n.rows) renderRows(n, judged);
      else walk(n.children);
    }
  };
  walk(rubric.indicators);
  if (judged.childElementCount > 1) host.append(judged);

  const asked = rubric.vetoes.filter((v) => v.when === undefined);
  if (asked.length) {
    const fs = el('fieldset', { class: 'vetoes' }, el('legend', {}, t('vetoes')));
    doc.vetoes ??= {};
    const vetoes = doc.vetoes;
    for (const v of asked) fs.append(field(`${v.name}（${t('reason')}）`, textInput(vetoes[v.id], (x) => (vetoes[v.id] = x))));
    host.append(fs);
  }
}

const ROW_FIELDS = ['group', 'name', 'target', 'actual', 'weight', 'level', 'score', 'reason'] as const;
const rowLabel = (f: (typeof ROW_FIELDS)[number]) =>
  ({ group: t('rowGroup'), name: t('rowName'), target: t('rowTarget'), actual: t('rowActual'), weight: t('rowWeight'), level: t('level'), score: t('score'), reason: t('reason') })[f];

function renderRows(n: Indicator, host: HTMLElement) {
  const rows = ((work.input.rows ??= {})[n.id] ??= []);
  const box = el('div', { class: 'rows', 'data-rows': n.id });
  const draw = () => {
    box.replaceChildren(el('h4', {}, `${n.name} · ${t('rows')}`, el('span', { class: 'max' }, ` ${n.max.toString()}`)));
    const table = el('table', { class: 'row-table' });
    table.append(el('thead', {}, el('tr', {}, ...ROW_FIELDS.map((f) => el('th', { scope: 'col' }, rowLabel(f))), el('th', { scope: 'col' }, ''))));
    const body = el('tbody');
    rows.forEach((r, i) => {
      const tr = el('tr');
      for (const f of ROW_FIELDS) {
        const control =
          f === 'level'
            ? select(['达成', '部分达成', '未达成'], r.level, (v) => (v ? (r.level = v) : delete r.level))
            : textInput(r[f], (v) => (r[f] = v), { 'aria-label': `${rowLabel(f)} ${i + 1}`, ...(f === 'weight' || f === 'score' ? { inputmode: 'decimal', size: '4' } : {}) });
        if (f === 'level') control.setAttribute('aria-label', `${rowLabel(f)} ${i + 1}`);
        tr.append(el('td', {}, control));
      }
      const remove = el('button', { type: 'button', 'aria-label': `${t('removeRow')} ${i + 1}`, title: t('removeRow') }, '×');
      remove.addEventListener('click', () => {
        rows.splice(i, 1);
        draw();
        inputChanged();
      });
      tr.append(el('td', {}, remove));
      body.append(tr);
    });
    table.append(body);
    const add = el('button', { type: 'button' }, t('addRow'));
    add.addEventListener('click', () => {
      rows.push({ name: '', weight: '' });
      draw();
      inputChanged();
    });
    box.append(el('div', { class: 'table-scroll' }, table), add);
  };
  draw();
  host.append(box);
}

// ---------------------------------------------------------------------------------------------
// Scoring.

let lastResult: ScoreResult | undefined;
let scoreTimer: ReturnType<typeof setTimeout> | undefined;
function inputChanged() {
  clearTimeout(scoreTimer);
  scoreTimer = setTimeout(() => {
    rescore();
    keep();
  }, 120);
}

/** The 评分表's HTML page drawn in `host` (its own styles kept apart in a shadow root); `annotate` adds to its rows. */
function showSheet(host: HTMLElement, html: string | undefined, annotate?: (root: ShadowRoot) => void) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  if (html === undefined) {
    root.replaceChildren();
    return;
  }
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const body = /<body>([\s\S]*?)<\/body>/.exec(html)?.[1] ?? '';
  root.innerHTML = `<style>${css.replace(/@page\s*\{[^}]*\}/g, '').replace(/\bbody\s*\{/g, ':host { display: block; ')}
td.review { font-size: 9pt; color: #8a1c00; min-width: 14em; }
td.review.accepted { color: #555; }
tr.has-finding td { background: #fff4f0; }
</style><div class="page">${body}</div>`;
  annotate?.(root);
  syncPrint();
}

function rescore() {
  const rubric = currentRubric();
  const issues = $('score-issues');
  issues.replaceChildren();
  const setHeadline = (total: string, grade: string) => {
    $<HTMLOutputElement>('total').value = total;
    $<HTMLOutputElement>('grade').value = grade;
  };
  if (!rubric) {
    lastResult = undefined;
    setHeadline('—', '—');
    issues.append(el('li', { class: 'error' }, t('rubricBroken')));
    showSheet($('score-sheet'), undefined);
    $('reasons').replaceChildren();
    $('explain').replaceChildren();
    return;
  }
  const input = cleanInput(work.input);
  const r = safeEvaluate(rubric, input as never);
  if (!r.success) {
    lastResult = undefined;
    setHeadline('—', '—');
    issues.append(el('li', { class: 'error' }, t('cannotScore')));
    for (const i of r.issues) issues.append(issueItem(i));
    showSheet($('score-sheet'), renderSheet(rubric, { format: 'html' }));
    $('reasons').replaceChildren();
    $('explain').replaceChildren();
    return;
  }
  const result = r.value;
  lastResult = result;
  setHeadline(result.total, result.grade ?? '—');
  showSheet($('score-sheet'), renderSheet(result, { format: 'html', input: input as never }));
  const reasons = $('reasons');
  reasons.replaceChildren();
  if (!result.deductions.length) reasons.append(el('li', { class: 'muted' }, t('noReasons')));
  for (const d of result.deductions) reasons.append(el('li', { 'data-indicator': d.indicator }, el('b', {}, `−${d.points}`), ' ', d.reason));
  const ex = $('explain');
  ex.replaceChildren();
  for (const e of explain(result, { rubric })) {
    if (e.full || !e.toMax || e.level === 0) continue;
    ex.append(el('li', { 'data-path': e.path }, el('b', {}, e.name), ` ${e.score}/${e.max}：`, e.toMax, el('span', { class: 'how' }, `（${e.how}）`)));
  }
  if (!ex.childElementCount) ex.append(el('li', { class: 'muted' }, t('noReasons')));
}

/**
 * What prints: the sheet of the review when the review view is open, else the scored sheet, in a
 * shadow root of its own at the top of the page (the print style sheet shows it alone).
 */
function syncPrint() {
  const from = work.view === 'review' && lastReview ? $('review-sheet') : $('score-sheet');
  const host = $('print-sheet');
  (host.shadowRoot ?? host.attachShadow({ mode: 'open' })).innerHTML = from.shadowRoot?.innerHTML ?? '';
}

function issueItem(i: Issue): HTMLLIElement {
  return el('li', { class: i.severity, 'data-code': i.code }, msg(i), ' ', el('code', {}, i.code));
}

// ---------------------------------------------------------------------------------------------
// Import: a sheet (CSV, TSV pasted from Word, Excel) into a draft, its TODOs to decide.

function importText(text: string, file: string) {
  const r = importSheet(text, { file });
  const summary = $('import-summary');
  const problems = $('import-problems');
  problems.replaceChildren();
  showView('import');
  if (!r.success) {
    summary.textContent = t('cannotScore');
    for (const i of r.issues) problems.append(issueItem(i));
    return;
  }
  const d = r.value;
  summary.textContent = t('draftSummary', { indicators: d.indicators, leaves: d.leaves, parsed: d.parsed, todos: d.todos });
  if (d.problems.length) problems.append(el('li', { class: 'warning' }, t('problems')));
  for (const p of d.problems) problems.append(el('li', { class: 'warning' }, msg({ message: p.zh, messageEn: p.en })));
  work.file = file.replace(/\.[^.]+$/, '') + '.yaml';
  // A new draft starts with an empty form: the figures of another rubric are not its figures.
  work.input = {};
  formFingerprint = '';
  setEditorText(d.yaml);
  showView('import');
  renderTodos();
  status(t('loaded', { name: file }));
}

function renderTodos() {
  const list = $('todos');
  list.replaceChildren();
  const doc = editor.state.doc;
  for (let n = 1; n <= doc.lines; n++) {
    const text = doc.line(n).text;
    const at = text.indexOf('# TODO');
    if (at < 0) continue;
    const what = text.slice(at + 2).trim();
    const go = el('button', { type: 'button', class: 'link' }, t('goTo'));
    go.addEventListener('click', () => goToLine(n));
    const done = el('button', { type: 'button', class: 'resolve' }, t('resolve'));
    done.addEventListener('click', () => resolveTodo(n));
    list.append(el('li', { 'data-line': String(n) }, el('span', { class: 'where' }, t('line', { n })), ' ', el('span', { class: 'todo' }, what), el('span', { class: 'actions' }, go, done)));
  }
  if (!list.childElementCount) list.append(el('li', { class: 'muted' }, t('noTodos')));
}

/** A TODO decided: its comment leaves the draft (the whole line when the comment is all there is). */
function resolveTodo(n: number) {
  const line = editor.state.doc.line(n);
  const at = line.text.indexOf('# TODO');
  if (at < 0) return;
  const whole = line.text.slice(0, at).trim() === '';
  const change = whole ? { from: line.from, to: Math.min(line.to + 1, editor.state.doc.length), insert: '' } : { from: line.from + line.text.slice(0, at).trimEnd().length, to: line.to, insert: '' };
  editor.dispatch({ changes: change });
  work.yaml = editor.state.doc.toString();
  rubricChanged();
  renderTodos();
}

// ---------------------------------------------------------------------------------------------
// Review of a filed form.

let lastReview: Review | undefined;
function runReview() {
  work.filed = $<HTMLTextAreaElement>('filed').value;
  keep();
  const rubric = currentRubric();
  const summary = $('review-summary');
  const list = $('findings');
  list.replaceChildren();
  lastReview = undefined;
  if (!rubric) {
    summary.textContent = t('rubricBroken');
    showSheet($('review-sheet'), undefined);
    return;
  }
  if (!work.filed.trim()) {
    summary.textContent = '';
    showSheet($('review-sheet'), undefined);
    return;
  }
  const r = safeReview(rubric, work.filed, { file: 'filed.json' });
  if (!r.success) {
    summary.textContent = t('cannotScore');
    for (const i of r.issues) list.append(issueItem(i));
    showSheet($('review-sheet'), undefined);
    return;
  }
  const review = r.value;
  lastReview = review;
  summary.replaceChildren(
    `${t('filedTotal')} ${review.filed.total ?? '—'} · ${t('ruleTotal')} ${review.result.total} · `,
    el('strong', {}, review.clean ? t('clean') : t('findingsCount', { n: review.findings.filter((f) => f.severity === 'error').length })),
  );
  for (const f of review.findings) list.append(el('li', { class: f.severity, 'data-indicator': f.indicator, 'data-class': f.class }, msg(f)));
  let filedInput: unknown;
  try {
    filedInput = JSON.parse(work.filed);
  } catch {
    filedInput = undefined;
  }
  showSheet($('review-sheet'), renderSheet(review.result, { format: 'html', ...(filedInput && typeof filedInput === 'object' ? { input: filedInput as never } : {}) }), (root) => annotate(root, review.findings));
}

/** The findings beside the rows of the sheet they are about: one more column, 复核意见. */
function annotate(root: ShadowRoot, findings: Finding[]) {
  // The indicators' table, and the funds table above it (预算执行率) on a project form.
  for (const table of root.querySelectorAll('table.sheet, table.funds')) annotateTable(table, findings);
}
function annotateTable(table: Element, findings: Finding[]) {
  table.querySelector('thead tr')?.append(el('th', {}, t('reviewColumn')));
  table.querySelector('colgroup')?.append(el('col', { style: 'width:18ch' }));
  for (const tr of table.querySelectorAll<HTMLTableRowElement>('tbody tr')) {
    const path = tr.dataset.path ?? (tr.classList.contains('total') ? '总分' : tr.classList.contains('grade') ? '等次' : undefined);
    const mine = path === undefined ? [] : findings.filter((f) => f.indicator === path);
    const td = el('td', { class: `review${mine.every((f) => f.severity === 'accepted') ? ' accepted' : ''}` });
    mine.forEach((f, i) => {
      if (i) td.append(el('br'));
      td.append(msg(f));
    });
    if (mine.some((f) => f.severity === 'error')) tr.classList.add('has-finding');
    tr.append(td);
  }
}

// ---------------------------------------------------------------------------------------------
// Opening examples, bundled rubrics and files.

type Example = (typeof EXAMPLES)[number];
function openExample(ex: Example) {
  const text = 'bundled' in ex.rubric ? (bundledRubricSource(ex.rubric.bundled) ?? '') : ex.rubric.yaml;
  work.file = 'bundled' in ex.rubric ? `rubrics/${ex.rubric.bundled}.yaml` : ex.rubric.file;
  work.input = ex.input ? (JSON.parse(ex.input) as InputDoc) : {};
  formFingerprint = '';
  setEditorText(text);
  work.filed = ex.filed ?? '';
  $<HTMLTextAreaElement>('filed').value = work.filed;
  if (ex.filed) runReview();
  status(t('loaded', { name: ex.title }));
}

function openBundled(id: string) {
  work.file = `rubrics/${id}.yaml`;
  work.input = {};
  formFingerprint = '';
  setEditorText(bundledRubricSource(id) ?? '');
  status(t('loaded', { name: id }));
}

function fillOpenSelect() {
  const s = $<HTMLSelectElement>('open-select');
  const keepValue = s.value;
  s.replaceChildren(el('option', { value: '' }, t('chooseExample')));
  const ex = el('optgroup', { label: t('examples') });
  for (const e of EXAMPLES) ex.append(el('option', { value: `example:${e.id}` }, `${e.id} · ${e.title}`));
  const b = el('optgroup', { label: t('bundledRubrics') });
  for (const id of bundledRubricIds) b.append(el('option', { value: `bundled:${id}` }, id));
  s.append(ex, b);
  s.value = keepValue;
}

async function openFile(file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const name = file.name;
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  if (ext === 'yaml' || ext === 'yml') {
    work.file = name;
    work.input = {};
    formFingerprint = '';
    setEditorText(new TextDecoder().decode(bytes));
    showView('edit');
    status(t('loaded', { name }));
  } else if (ext === 'csv' || ext === 'tsv' || ext === 'txt' || ext === 'md') {
    const d = decodeTable(bytes, name);
    if ('issue' in d) return status(msg(d.issue));
    importText(d.text, name);
  } else if (ext === 'xlsx') {
    status(t('saving', { what: 'XLSX' }));
    const { readXlsxTable } = await import('../../src/entries/xlsx.js');
    const r = await readXlsxTable(bytes, { file: name });
    if (!r.success) return status(r.issues.map(msg).join('；'));
    importText(r.value.text, name);
  } else if (ext === 'json') {
    const text = new TextDecoder().decode(bytes);
    let doc: Record<string, unknown> = {};
    try {
      doc = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON: the review says where
    }
    if ('filed' in doc || JSON.stringify(doc.rows ?? {}).includes('"filed"')) {
      $<HTMLTextAreaElement>('filed').value = text;
      showView('review');
      runReview();
    } else {
      work.input = doc as InputDoc;
      formFingerprint = '';
      rubricChanged();
      showView('score');
    }
    status(t('loaded', { name }));
  } else status(t('fileUnknown', { name }));
}

// ---------------------------------------------------------------------------------------------
// Saving.

function download(name: string, data: string | Uint8Array, type: string) {
  const blob = new Blob([data as BlobPart], { type });
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  status(t('saved', { name }));
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function save(what: string) {
  const rubric = currentRubric();
  const base = rubric?.id ?? 'rubric';
  const input = cleanInput(work.input);
  try {
    switch (what) {
      case 'rubric':
        return download(work.file.split('/').pop() || `${base}.yaml`, work.yaml, 'text/yaml;charset=utf-8');
      case 'input':
        return download(`${base}-input.json`, `${JSON.stringify(input, null, 2)}\n`, 'application/json');
    }
    if (!rubric) return status(t('rubricBroken'));
    const blank = what.startsWith('blank-');
    if (!blank && !lastResult) return status(t('cannotScore'));
    const subject = blank ? rubric : (lastResult as ScoreResult);
    const opts = blank ? {} : { input: input as never };
    const suffix = blank ? 'blank' : 'scored';
    if (what === 'result') return download(`${base}-result.json`, `${JSON.stringify(lastResult, null, 2)}\n`, 'application/json');
    if (what.endsWith('-html')) return download(`${base}-${suffix}.html`, renderSheet(subject as never, { format: 'html', ...opts }), 'text/html;charset=utf-8');
    if (what.endsWith('-xlsx')) {
      status(t('saving', { what: 'XLSX' }));
      const { renderXlsx } = await import('../../src/entries/xlsx.js');
      return download(`${base}-${suffix}.xlsx`, await renderXlsx(subject, opts), XLSX_TYPE);
    }
    if (what.endsWith('-docx')) {
      status(t('saving', { what: 'DOCX' }));
      const { renderDocx } = await import('../../src/entries/docx.js');
      return download(`${base}-${suffix}.docx`, await renderDocx(subject, opts), DOCX_TYPE);
    }
  } catch (e) {
    const issues = (e as { issues?: Issue[] }).issues;
    status(issues ? issues.map(msg).join('；') : String(e));
  }
}

// The Excel and Word writers: their scripts are loaded the first time they are asked for.
const office: Record<string, Promise<unknown>> = {};
(globalThis as unknown as { __jixiaoOffice: (name: string) => Promise<unknown> }).__jixiaoOffice = (name: string) =>
  (office[name] ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = `office-${name}.js`;
    s.onload = () => resolve((globalThis as unknown as { __jixiaoLib: Record<string, unknown> }).__jixiaoLib[name]);
    s.onerror = () => {
      delete office[name];
      reject(Object.assign(new Error(`office-${name}.js`), { code: 'MODULE_NOT_FOUND' }));
    };
    document.head.append(s);
  }));

// ---------------------------------------------------------------------------------------------
// Keeping the work: local storage, and a share link with the work compressed in its fragment.

let keepTimer: ReturnType<typeof setTimeout> | undefined;
function keep() {
  clearTimeout(keepTimer);
  keepTimer = setTimeout(() => {
    try {
      localStorage.setItem(STORE, JSON.stringify({ ...work, input: cleanInput(work.input), paste: $<HTMLTextAreaElement>('paste').value }));
    } catch {
      // storage full or refused: the work stays on the page
    }
  }, 150);
}

const b64url = (bytes: Uint8Array) => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const unb64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

async function shareLink(): Promise<string> {
  const bundled = bundledRubricIds.find((id) => bundledRubricSource(id) === work.yaml);
  const payload = JSON.stringify({ ...(bundled ? { b: bundled } : { y: work.yaml, f: work.file }), i: cleanInput(work.input) });
  const packed = await pipe(new TextEncoder().encode(payload), new CompressionStream('deflate-raw'));
  return `${location.href.replace(/#.*$/, '')}#w=${b64url(packed)}`;
}

async function fromLink(hash: string): Promise<boolean> {
  const m = /^#w=([\w-]+)$/.exec(hash);
  if (!m) return false;
  try {
    const text = new TextDecoder().decode(await pipe(unb64url(m[1]!), new DecompressionStream('deflate-raw')));
    const p = JSON.parse(text) as { b?: string; y?: string; f?: string; i?: InputDoc };
    work.file = p.b ? `rubrics/${p.b}.yaml` : (p.f ?? 'rubric.yaml');
    work.input = p.i ?? {};
    formFingerprint = '';
    setEditorText(p.b ? (bundledRubricSource(p.b) ?? '') : (p.y ?? ''));
    showView('score');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The page.

function status(text: string) {
  $('status').textContent = text;
}

function applyLang(l: Lang) {
  work.lang = l;
  setLang(l);
  translatePage();
  fillOpenSelect();
  const rubric = currentRubric();
  renderDiagnostics(analyse(work.yaml));
  renderIndicators(analyse(work.yaml));
  if (rubric) renderForm(rubric);
  rescore();
  if (lastReview || work.filed) runReview();
  if (editor.state.doc.toString().includes('# TODO')) renderTodos();
  forceLinting(editor);
  keep();
}

function wire() {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role=tab]')) {
    tab.addEventListener('click', () => showView(tab.dataset.view as View));
    tab.addEventListener('keydown', (e) => {
      const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role=tab]')];
      const i = tabs.indexOf(tab);
      const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : undefined;
      if (next) {
        e.preventDefault();
        showView(next.dataset.view as View);
        next.focus();
      }
    });
  }
  $<HTMLSelectElement>('open-select').addEventListener('change', (e) => {
    const v = (e.target as HTMLSelectElement).value;
    if (v.startsWith('example:')) {
      const ex = EXAMPLES.find((x) => x.id === v.slice(8));
      if (ex) {
        openExample(ex);
        showView(ex.filed && !ex.input ? 'review' : 'score');
      }
    } else if (v.startsWith('bundled:')) {
      openBundled(v.slice(8));
      showView('edit');
    }
    (e.target as HTMLSelectElement).value = '';
  });
  $<HTMLInputElement>('open-file').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) void openFile(f);
    (e.target as HTMLInputElement).value = '';
  });
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    document.body.classList.remove('dragging');
    const f = e.dataTransfer?.files?.[0];
    if (f) void openFile(f);
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>('.save-menu button')) {
    b.addEventListener('click', () => {
      void save(b.id.replace(/^save-/, ''));
      (b.closest('details') as HTMLDetailsElement).open = false;
    });
  }
  $('share').addEventListener('click', async () => {
    const link = await shareLink();
    const box = $('share-box');
    box.hidden = false;
    const input = $<HTMLInputElement>('share-link');
    input.value = link;
    input.select();
    window.history.replaceState(null, '', link);
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      // the link is selected in its field
    }
  });
  $('print').addEventListener('click', () => {
    if (work.view !== 'review') showView('score');
    window.print();
  });
  window.addEventListener('beforeprint', syncPrint);
  $('lang').addEventListener('click', () => applyLang(getLang() === 'zh' ? 'en' : 'zh'));
  $('import-hunan').addEventListener('click', () => importText(HUNAN_SHEET_CSV, 'hunan-sheet.csv'));
  $('import-paste').addEventListener('click', () => {
    const text = $<HTMLTextAreaElement>('paste').value;
    if (text.trim()) importText(text, 'pasted.tsv');
  });
  $('paste').addEventListener('input', keep);
  // From Word or Excel the clipboard holds the table as HTML too: read its cells from there.
  $('paste').addEventListener('paste', (e) => {
    const html = (e as ClipboardEvent).clipboardData?.getData('text/html');
    const tsv = html ? tableFromHtml(html) : undefined;
    if (tsv === undefined) return;
    e.preventDefault();
    $<HTMLTextAreaElement>('paste').value = tsv;
    keep();
  });
  $('run-review').addEventListener('click', runReview);
  $('filed').addEventListener('input', () => {
    work.filed = $<HTMLTextAreaElement>('filed').value;
    keep();
  });
}

async function start() {
  wire();
  let saved: Partial<Work> | undefined;
  try {
    saved = JSON.parse(localStorage.getItem(STORE) ?? 'null') ?? undefined;
  } catch {
    saved = undefined;
  }
  setLang(saved?.lang ?? 'zh');
  work.lang = saved?.lang ?? 'zh';
  translatePage();
  fillOpenSelect();
  if (await fromLink(location.hash)) {
    status(t('loaded', { name: 'link' }));
  } else if (saved?.yaml !== undefined) {
    work.file = saved.file ?? 'rubric.yaml';
    work.input = saved.input ?? {};
    work.filed = saved.filed ?? '';
    $<HTMLTextAreaElement>('filed').value = work.filed;
    $<HTMLTextAreaElement>('paste').value = saved.paste ?? '';
    setEditorText(saved.yaml);
    if (work.filed) runReview();
    if (saved.yaml.includes('# TODO')) renderTodos();
    showView(saved.view ?? 'edit');
    status(t('kept'));
  } else {
    const yunxi = EXAMPLES.find((e) => e.id === 'yunxi-2021') ?? EXAMPLES[0]!;
    openExample(yunxi);
    showView('score');
  }
  document.body.dataset.ready = 'true';
}

void start();
