// The Hunan department sheet written by hand with decimal.js, as a finance system would without
// jixiao: the same rules, the same half-up rounding to two decimals, scores and total only (no
// reasons, no audit trail, no input checks). The speed jixiao must at least match.
import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const ZERO = new D(0);
const HUNDRED = new D(100);
const round = (x) => x.toDecimalPlaces(2, D.ROUND_HALF_UP);
const clamp = (x, max) => (x.lt(ZERO) ? ZERO : x.gt(max) ? max : x);
const M = Object.fromEntries([0.5, 1, 2, 3, 4, 5, 6, 0.2, 0.1].map((x) => [x, new D(x)]));

/** 以standard为标准，每超过（低于）一个百分点扣points分，扣完为止. */
function perUnit(v, standard, above, points, max) {
  const diff = above ? v.minus(standard) : standard.minus(v);
  if (diff.lte(ZERO)) return max;
  return round(clamp(max.minus(diff.times(points)), max));
}
const count = (n, points, max) => round(clamp(max.minus(points.times(n)), max));
const checklist = (items, points, max) => {
  let got = ZERO;
  points.forEach((p, i) => {
    if (items[String(i + 1)]) got = got.plus(p);
  });
  return round(got.gt(max) ? max : got);
};

const C1 = [M[1], M[1], M[1]];
const C2 = [M[1], M[0.5], M[0.5], M[0.5], M[0.5]];
const C3 = [M[2], M[1]];

export function scoreHunan(input) {
  const v = input.values;
  const a = input.assessments;
  const n = (k) => new D(v[k]);
  const s = {};
  s.财政供养人员控制率 = perUnit(n('在职人数').div(n('编制人数')).times(HUNDRED), HUNDRED, true, M[0.5], M[5]);
  const 本年 = n('三公经费本年');
  const 上年 = n('三公经费上年');
  s.三公经费变动率 = perUnit(本年.minus(上年).div(上年).times(HUNDRED), ZERO, true, M[0.5], M[5]);
  const zd = n('重点支出安排率');
  s.重点支出安排率 = zd.gte(90) ? M[5] : zd.gte(80) ? M[4] : zd.gte(70) ? M[3] : zd.gte(60) ? M[2] : ZERO;
  const tz = n('预算调整率');
  s.预算调整率 = tz.eq(0) ? M[3] : tz.lte(10) ? M[2] : tz.lte(20) ? M[1] : tz.lte(30) ? M[0.5] : ZERO;
  s.支付进度 = count(n('未按进度下达专项数'), M[0.5], M[3]);
  const jy = n('资金结余');
  s.资金结余 = jy.eq(0) ? M[3] : jy.lte(n('上年结转')) ? M[2] : ZERO;
  s.三公经费控制率 = perUnit(本年.div(n('三公经费预算')).times(HUNDRED), HUNDRED, true, M[1], M[6]);
  s.预算管理制度健全性 = checklist(a.预算管理制度健全性.items, C1, M[3]);
  s.资金使用合规性 = count(n('资金使用不合规例数'), M[1], M[3]);
  s.预决算信息公开性和完善性 = checklist(a.预决算信息公开性和完善性.items, C2, M[3]);
  s.政府采购执行率 = perUnit(n('政府采购执行率'), HUNDRED, false, M[0.2], M[3]);
  s.公务卡刷卡率 = perUnit(n('公务卡刷卡率'), new D(50), false, M[0.2], M[3]);
  s.资产管理制度健全性 = checklist(a.资产管理制度健全性.items, C3, M[3]);
  s.资产管理安全性 = count(n('资产管理不合规例数'), M[1], M[4]);
  s.固定资产利用率 = perUnit(n('在用固定资产').div(n('固定资产总额')).times(HUNDRED), HUNDRED, false, M[0.1], M[3]);
  for (const id of ['推进全面小康建设指标任务完成情况', '建设湖南新增极目标任务完成情况', '政府工作报告目标任务完成情况', '省市重点民生实事完成情况', '省市重点工程和重大项目建设完成情况', '其他工作实绩指标完成情况', '履职效益综合'])
    s[id] = round(new D(a[id].score));
  const my = n('满意度');
  s.社会公众或服务对象满意度 = my.gte(95) ? M[5] : my.gte(85) ? M[3] : my.gte(75) ? M[1] : ZERO;
  let total = ZERO;
  for (const k in s) total = total.plus(s[k]);
  const grade = total.gte(90) ? '优秀' : total.gte(80) ? '良好' : total.gte(60) ? '中' : '差';
  const scores = {};
  for (const k in s) scores[k] = s[k].toFixed();
  return { total: total.toFixed(), grade, scores };
}
