// The Hunan department sheet written by hand in exact scaled integers: the fastest exact scorer
// a careful person would write for this one sheet, and so the limit an exact evaluator can
// approach. Every figure is an integer count of hundredths (元 → 分, 50.25% → 5025) and every
// score an integer count of hundredths of a point. A derived rate stays a numerator over a
// denominator and its score is rounded half-up to hundredths once, as the sheet rounds each
// indicator. Scores and total only (no reasons, no audit trail, no input checks), like the
// decimal.js version.
//
// The integers are plain numbers where they provably stay below 2^53, BigInt where they might
// not: a figure has at most 2 decimals and stays below 2^53 in hundredths; a per-unit rule works in
// numbers when both of its figures are below 2^39 (then every product is below 2^53, since
// 100·points + max < 2^14 hundredths), and in BigInt otherwise. A figure outside that is refused
// with a RangeError, never scored approximately.

/** A decimal string or a number (an evaluator's 3.5) as an integer count of hundredths. */
function hundredths(x) {
  if (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x < 1e13) return x * 100;
  const s = String(x);
  let n = 0;
  let places = -1;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      if (places >= 0 && ++places > 2) {
        if (c !== 0) throw new RangeError(`more than 2 decimals: ${s}`);
      } else if (++digits > 15) throw new RangeError(`too many digits: ${s}`);
      else n = n * 10 + c;
    } else if (c === -2 && places < 0) places = 0; // '.'
    else throw new RangeError(`not a figure: ${s}`);
  }
  if (digits === 0) throw new RangeError(`not a figure: ${s}`);
  const h = places <= 0 ? n * 100 : places === 1 ? n * 10 : n;
  if (h > Number.MAX_SAFE_INTEGER) throw new RangeError(`too many digits: ${s}`);
  return h;
}

/** A count (a whole number of cases). */
function whole(x) {
  const h = hundredths(x);
  if (h % 100 !== 0) throw new RangeError(`not a whole number: ${x}`);
  return h / 100;
}

/** num / den rounded half-up to an integer (0 ≤ num < 2^53, 0 < den). */
function divHalfUp(num, den) {
  let q = Math.trunc(num / den); // the float quotient may be one off; corrected exactly below
  let r = num - q * den;
  if (r < 0) (q--, (r += den));
  else if (r >= den) (q++, (r -= den));
  return r >= den - r ? q + 1 : q;
}

const SAFE = 2 ** 39;

/**
 * A rate off/den · 100 percentage points beyond its standard, 每…一个百分点扣 p/100 分, 扣完为止,
 * max m/100 points: score = m − p·100·off/den = (m·den − 100p·off) / den hundredths.
 */
function perUnit(off, den, p, m) {
  if (off <= 0) return m;
  if (off < SAFE && den < SAFE) {
    const top = m * den - 100 * p * off;
    return top <= 0 ? 0 : divHalfUp(top, den);
  }
  const D = BigInt(den);
  const top = BigInt(m) * D - BigInt(100 * p) * BigInt(off);
  if (top <= 0n) return 0;
  const q = top / D;
  return Number(2n * (top % D) >= D ? q + 1n : q);
}

/** A percentage v below its standard s (both hundredths of a per cent): the same rule, den 100. */
function pctBelow(v, s, p, m) {
  if (v >= s) return m;
  const top = 100 * m - p * (s - v);
  return top <= 0 ? 0 : divHalfUp(top, 100);
}
const count = (n, p, m) => (n * p >= m ? 0 : m - n * p);
const KEYS = ['1', '2', '3', '4', '5'];
function checklist(items, points, m) {
  let got = 0;
  for (let i = 0; i < points.length; i++) if (items[KEYS[i]]) got += points[i];
  return got > m ? m : got;
}
const C1 = [100, 100, 100];
const C2 = [100, 50, 50, 50, 50];
const C3 = [200, 100];

/** Hundredths as the shortest decimal string: 450 → "4.5", 500 → "5", 325 → "3.25". */
function decimal(h) {
  const w = Math.floor(h / 100);
  const c = h - w * 100;
  return c === 0 ? String(w) : c % 10 === 0 ? `${w}.${c / 10}` : `${w}.${c < 10 ? '0' : ''}${c}`;
}
const TEXT = Array.from({ length: 10001 }, (_, h) => decimal(h)); // 0 to 100 points, made once
const text = (h) => (h <= 10000 ? TEXT[h] : decimal(h));

function nonZero(x, name) {
  if (x === 0) throw new RangeError(`${name} = 0`);
  return x;
}

export function scoreHunanScaled(input) {
  const v = input.values;
  const a = input.assessments;
  const 编制 = nonZero(whole(v.编制人数), '编制人数');
  const 本年 = hundredths(v.三公经费本年);
  const 上年 = nonZero(hundredths(v.三公经费上年), '三公经费上年');
  const 预算 = nonZero(hundredths(v.三公经费预算), '三公经费预算');
  const 总额 = nonZero(hundredths(v.固定资产总额), '固定资产总额');
  const zd = hundredths(v.重点支出安排率);
  const tz = hundredths(v.预算调整率);
  const jy = hundredths(v.资金结余);
  const my = hundredths(v.满意度);
  // one local per leaf, in the sheet's order; 变动率 (本年 − 上年)/上年 above 0 is 本年/上年 above 100%
  const s1 = perUnit(whole(v.在职人数) - 编制, 编制, 50, 500);
  const s2 = perUnit(本年 - 上年, 上年, 50, 500);
  const s3 = zd >= 9000 ? 500 : zd >= 8000 ? 400 : zd >= 7000 ? 300 : zd >= 6000 ? 200 : 0;
  const s4 = tz === 0 ? 300 : tz <= 1000 ? 200 : tz <= 2000 ? 100 : tz <= 3000 ? 50 : 0;
  const s5 = count(whole(v.未按进度下达专项数), 50, 300);
  const s6 = jy === 0 ? 300 : jy <= hundredths(v.上年结转) ? 200 : 0;
  const s7 = perUnit(本年 - 预算, 预算, 100, 600);
  const s8 = checklist(a.预算管理制度健全性.items, C1, 300);
  const s9 = count(whole(v.资金使用不合规例数), 100, 300);
  const s10 = checklist(a.预决算信息公开性和完善性.items, C2, 300);
  const s11 = pctBelow(hundredths(v.政府采购执行率), 10000, 20, 300);
  const s12 = pctBelow(hundredths(v.公务卡刷卡率), 5000, 20, 300);
  const s13 = checklist(a.资产管理制度健全性.items, C3, 300);
  const s14 = count(whole(v.资产管理不合规例数), 100, 400);
  const s15 = perUnit(总额 - hundredths(v.在用固定资产), 总额, 10, 300);
  const s16 = hundredths(a.推进全面小康建设指标任务完成情况.score);
  const s17 = hundredths(a.建设湖南新增极目标任务完成情况.score);
  const s18 = hundredths(a.政府工作报告目标任务完成情况.score);
  const s19 = hundredths(a.省市重点民生实事完成情况.score);
  const s20 = hundredths(a.省市重点工程和重大项目建设完成情况.score);
  const s21 = hundredths(a.其他工作实绩指标完成情况.score);
  const s22 = hundredths(a.履职效益综合.score);
  const s23 = my >= 9500 ? 500 : my >= 8500 ? 300 : my >= 7500 ? 100 : 0;
  const total = s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11 + s12 + s13 + s14 + s15 + s16 + s17 + s18 + s19 + s20 + s21 + s22 + s23;
  const grade = total >= 9000 ? '优秀' : total >= 8000 ? '良好' : total >= 6000 ? '中' : '差';
  const scores = {
    财政供养人员控制率: text(s1),
    三公经费变动率: text(s2),
    重点支出安排率: text(s3),
    预算调整率: text(s4),
    支付进度: text(s5),
    资金结余: text(s6),
    三公经费控制率: text(s7),
    预算管理制度健全性: text(s8),
    资金使用合规性: text(s9),
    预决算信息公开性和完善性: text(s10),
    政府采购执行率: text(s11),
    公务卡刷卡率: text(s12),
    资产管理制度健全性: text(s13),
    资产管理安全性: text(s14),
    固定资产利用率: text(s15),
    推进全面小康建设指标任务完成情况: text(s16),
    建设湖南新增极目标任务完成情况: text(s17),
    政府工作报告目标任务完成情况: text(s18),
    省市重点民生实事完成情况: text(s19),
    省市重点工程和重大项目建设完成情况: text(s20),
    其他工作实绩指标完成情况: text(s21),
    履职效益综合: text(s22),
    社会公众或服务对象满意度: text(s23),
  };
  return { total: text(total), grade, scores };
}
