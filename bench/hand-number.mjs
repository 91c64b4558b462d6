// The Hunan department sheet written by hand with plain JavaScript numbers: fast, and wrong
// wherever binary floating point misses a decimal (100.3 − 100 = 0.29999999999999716), so a
// score rounds the other way. Shown for its speed and for how often it is wrong.

const round = (x) => Math.round(x * 100) / 100;
const clamp = (x, max) => (x < 0 ? 0 : x > max ? max : x);

function perUnit(v, standard, above, points, max) {
  const diff = above ? v - standard : standard - v;
  if (diff <= 0) return max;
  return round(clamp(max - diff * points, max));
}
const count = (n, points, max) => round(clamp(max - points * n, max));
const checklist = (items, points, max) => {
  let got = 0;
  points.forEach((p, i) => {
    if (items[String(i + 1)]) got += p;
  });
  return round(got > max ? max : got);
};

export function scoreHunanNumbers(input) {
  const v = input.values;
  const a = input.assessments;
  const n = (k) => Number(v[k]);
  const s = {};
  s.财政供养人员控制率 = perUnit((n('在职人数') / n('编制人数')) * 100, 100, true, 0.5, 5);
  const 本年 = n('三公经费本年');
  const 上年 = n('三公经费上年');
  s.三公经费变动率 = perUnit(((本年 - 上年) / 上年) * 100, 0, true, 0.5, 5);
  const zd = n('重点支出安排率');
  s.重点支出安排率 = zd >= 90 ? 5 : zd >= 80 ? 4 : zd >= 70 ? 3 : zd >= 60 ? 2 : 0;
  const tz = n('预算调整率');
  s.预算调整率 = tz === 0 ? 3 : tz <= 10 ? 2 : tz <= 20 ? 1 : tz <= 30 ? 0.5 : 0;
  s.支付进度 = count(n('未按进度下达专项数'), 0.5, 3);
  const jy = n('资金结余');
  s.资金结余 = jy === 0 ? 3 : jy <= n('上年结转') ? 2 : 0;
  s.三公经费控制率 = perUnit((本年 / n('三公经费预算')) * 100, 100, true, 1, 6);
  s.预算管理制度健全性 = checklist(a.预算管理制度健全性.items, [1, 1, 1], 3);
  s.资金使用合规性 = count(n('资金使用不合规例数'), 1, 3);
  s.预决算信息公开性和完善性 = checklist(a.预决算信息公开性和完善性.items, [1, 0.5, 0.5, 0.5, 0.5], 3);
  s.政府采购执行率 = perUnit(n('政府采购执行率'), 100, false, 0.2, 3);
  s.公务卡刷卡率 = perUnit(n('公务卡刷卡率'), 50, false, 0.2, 3);
  s.资产管理制度健全性 = checklist(a.资产管理制度健全性.items, [2, 1], 3);
  s.资产管理安全性 = count(n('资产管理不合规例数'), 1, 4);
  s.固定资产利用率 = perUnit((n('在用固定资产') / n('固定资产总额')) * 100, 100, false, 0.1, 3);
  for (const id of ['推进全面小康建设指标任务完成情况', '建设湖南新增极目标任务完成情况', '政府工作报告目标任务完成情况', '省市重点民生实事完成情况', '省市重点工程和重大项目建设完成情况', '其他工作实绩指标完成情况', '履职效益综合'])
    s[id] = round(a[id].score);
  const my = n('满意度');
  s.社会公众或服务对象满意度 = my >= 95 ? 5 : my >= 85 ? 3 : my >= 75 ? 1 : 0;
  let total = 0;
  for (const k in s) total += s[k];
  total = round(total);
  const grade = total >= 90 ? '优秀' : total >= 80 ? '良好' : total >= 60 ? '中' : '差';
  const scores = {};
  for (const k in s) scores[k] = String(s[k]);
  return { total: String(total), grade, scores };
}
