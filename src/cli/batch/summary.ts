/**
 * The end of a batch: counts, the grade distribution, mean / min / max total (exact decimals),
 * the ten lowest records and the first errors; 排名 by total; and the progress line.
 */
import { Exact, ZERO } from '../../exact.js';
import type { RecordInfo } from './score.js';

/** Compare two decimal strings as jixiao prints them (no exponent, no leading zeros): exact. */
export function compareDecimalText(a: string, b: string): number {
  const na = a.startsWith('-');
  const nb = b.startsWith('-');
  if (na !== nb) return na ? -1 : 1;
  const c = compareAbs(na ? a.slice(1) : a, nb ? b.slice(1) : b);
  return na ? -c : c;
}

function compareAbs(a: string, b: string): number {
  const da = a.indexOf('.');
  const db = b.indexOf('.');
  const ia = da < 0 ? a : a.slice(0, da);
  const ib = db < 0 ? b : b.slice(0, db);
  if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
  if (ia !== ib) return ia < ib ? -1 : 1;
  const fa = da < 0 ? '' : a.slice(da + 1);
  const fb = db < 0 ? '' : b.slice(db + 1);
  const n = Math.max(fa.length, fb.length);
  const x = fa.padEnd(n, '0');
  const y = fb.padEnd(n, '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface Lowest {
  index: number;
  line: number;
  id: string | null;
  total: string;
  grade: string | null;
}

export interface SummaryJson {
  file: string;
  records: number;
  scored: number;
  errors: number;
  interrupted: boolean;
  grades: Record<string, number>;
  total: { sum: string; mean: string | null; min: string | null; max: string | null };
  lowest: Lowest[];
  firstErrors: { index: number; line: number; id: string | null; code: string; message: string; messageEn: string }[];
}

/** Everything the summary needs, kept as records go by: constant memory. */
export class Summary {
  records = 0;
  scored = 0;
  errors = 0;
  interrupted = false;
  private readonly grades = new Map<string, number>();
  private sum = ZERO;
  private min: Exact | undefined;
  private max: Exact | undefined;
  private minText: string | null = null;
  private maxText: string | null = null;
  private readonly lowest: Lowest[] = [];
  private readonly firstErrors: SummaryJson['firstErrors'] = [];

  constructor(
    readonly file: string,
    gradeOrder: readonly string[],
    private readonly places: number,
  ) {
    for (const g of gradeOrder) this.grades.set(g, 0);
  }

  add(index: number, line: number, info: RecordInfo): void {
    this.records++;
    if (info.total === null) {
      this.errors++;
      if (this.firstErrors.length < 10 && info.issue) this.firstErrors.push({ index, line, id: info.id, ...info.issue });
      return;
    }
    this.scored++;
    const g = info.grade ?? '—';
    this.grades.set(g, (this.grades.get(g) ?? 0) + 1);
    const d = Exact.parse(info.total);
    this.sum = this.sum.plus(d);
    if (!this.min || d.lt(this.min)) (this.min = d), (this.minText = info.total);
    if (!this.max || d.gt(this.max)) (this.max = d), (this.maxText = info.total);
    // The ten lowest, lowest first; among equal totals the first in the input.
    const l = this.lowest;
    if (l.length < 10 || compareDecimalText(info.total, l[l.length - 1]!.total) < 0) {
      let at = l.length;
      while (at > 0 && compareDecimalText(info.total, l[at - 1]!.total) < 0) at--;
      l.splice(at, 0, { index, line, id: info.id, total: info.total, grade: info.grade });
      if (l.length > 10) l.pop();
    }
  }

  json(): SummaryJson {
    const grades: Record<string, number> = {};
    for (const [g, n] of this.grades) grades[g] = n;
    return {
      file: this.file,
      records: this.records,
      scored: this.scored,
      errors: this.errors,
      interrupted: this.interrupted,
      grades,
      total: {
        sum: this.sum.toPlain(),
        mean: this.scored ? this.sum.div(Exact.int(this.scored)).round(this.places, 'half-up').toPlain() : null,
        min: this.minText,
        max: this.maxText,
      },
      lowest: [...this.lowest],
      firstErrors: [...this.firstErrors],
    };
  }

  /** The summary for people, in the chosen language (`say` picks zh, en or both). */
  text(say: (zh: string, en: string) => string): string {
    const s = this.json();
    const out: string[] = [];
    const mark = s.interrupted ? '■' : s.errors ? '✖' : '✔';
    out.push(`${mark} ${say(`${s.file}：${s.records} 条记录，评分 ${s.scored} 条，有错误 ${s.errors} 条${s.interrupted ? '（已中断）' : ''}`, `${s.file}: ${s.records} records, ${s.scored} scored, ${s.errors} with errors${s.interrupted ? ' (interrupted)' : ''}`)}`);
    if (s.scored) {
      out.push(`  ${say('等次', 'grades')}: ${Object.entries(s.grades).map(([g, n]) => `${g} ${n}`).join(' · ')}`);
      out.push(`  ${say('总分', 'total')}: ${say(`平均 ${s.total.mean}，最低 ${s.total.min}，最高 ${s.total.max}`, `mean ${s.total.mean}, min ${s.total.min}, max ${s.total.max}`)}`);
      out.push(`  ${say(`总分最低的 ${s.lowest.length} 条`, `the ${s.lowest.length} lowest`)}:`);
      for (const l of s.lowest) out.push(`    ${l.total.padStart(7)}  ${(l.grade ?? '—').padEnd(2, '　')}  ${s.file}:${l.line}${l.id !== null ? `  ${l.id}` : ''}`);
    }
    if (s.firstErrors.length) {
      out.push(`  ${say('错误（前 10 条）', 'errors (the first 10)')}:`);
      for (const e of s.firstErrors) out.push(`    ${s.file}:${e.line} ${e.code} ${say(e.message, e.messageEn)}`);
    }
    return `${out.join('\n')}\n`;
  }
}

/**
 * 排名 by total, highest first; equal totals share a rank and the next rank skips (1, 1, 3).
 * With groups, each group is ranked on its own. Records with errors (total null) get no rank (0).
 */
export function rankTotals(totals: readonly (string | null)[], groups?: readonly (string | null)[]): Uint32Array {
  const ranks = new Uint32Array(totals.length);
  const order: number[] = [];
  for (let i = 0; i < totals.length; i++) if (totals[i] !== null) order.push(i);
  const g = (i: number) => (groups ? (groups[i] ?? '') : '');
  order.sort((a, b) => {
    const ga = g(a);
    const gb = g(b);
    if (ga !== gb) return ga < gb ? -1 : 1;
    return compareDecimalText(totals[b]!, totals[a]!) || a - b;
  });
  let place = 0;
  let start = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const prev = order[k - 1];
    if (prev === undefined || g(prev) !== g(i)) {
      start = k;
      place = 1;
    } else if (compareDecimalText(totals[prev]!, totals[i]!) !== 0) place = k - start + 1;
    ranks[i] = place;
  }
  return ranks;
}

/** One progress line: done, rate, ETA when the size is known, errors so far. */
export function progressLine(done: number, errors: number, seconds: number, fraction: number | undefined, width = 24): string {
  const rate = seconds > 0 ? Math.round(done / seconds) : 0;
  let bar = '';
  let eta = '';
  if (fraction !== undefined) {
    const f = Math.min(1, Math.max(0, fraction));
    const full = Math.round(f * width);
    bar = `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(Math.floor(f * 100)).padStart(3)}% `;
    if (f > 0 && seconds > 0) eta = ` · ETA ${clock(Math.max(0, (seconds / f) * (1 - f)))}`;
  }
  return `${bar}${done.toLocaleString('en-US')} · ${rate.toLocaleString('en-US')}/s${eta} · ${errors} err`;
}

function clock(s: number): string {
  const t = Math.round(s);
  const m = Math.floor(t / 60);
  const h = Math.floor(m / 60);
  return h ? `${h}:${String(m % 60).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}` : `${m}:${String(t % 60).padStart(2, '0')}`;
}
