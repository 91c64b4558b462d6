// Generated evaluation records for the Hunan department sheet (rubrics/hunan-department.yaml):
// every figure and assessment the sheet reads, about 30% of them at the edges of a band,
// a per-unit standard or a case (90, 89.99, 100.01, 结余 = 结转, …). Seeded, so every run and
// every implementation sees the same records.

/** mulberry32: a small seeded generator. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const JUDGEMENTS = {
  推进全面小康建设指标任务完成情况: 5,
  建设湖南新增极目标任务完成情况: 7,
  政府工作报告目标任务完成情况: 5,
  省市重点民生实事完成情况: 2,
  省市重点工程和重大项目建设完成情况: 2,
  其他工作实绩指标完成情况: 4,
  履职效益综合: 15,
};
export const CHECKLISTS = { 预算管理制度健全性: 3, 预决算信息公开性和完善性: 5, 资产管理制度健全性: 2 };

/** `n` records as evaluation inputs (figures as decimal strings, as a finance system sends them). */
export function hunanRecords(n, seed = 20261202) {
  return [...hunanRecordStream(n, seed)];
}

/** The same records one at a time, so that a memory measurement does not hold them all. */
export function* hunanRecordStream(n, seed = 20261202) {
  const r = random(seed);
  const int = (lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
  const dec = (lo, hi, places) => (lo + r() * (hi - lo)).toFixed(places);
  const edge = () => r() < 0.3;
  const near = (points, places = 2) => {
    const p = points[int(0, points.length - 1)];
    const d = [-1, 0, 1][int(0, 2)] / 10 ** places;
    return Math.max(0, p + d).toFixed(places);
  };
  const pct = (edges, hi = 100) => (edge() ? near(edges) : dec(0, hi, int(0, 2)));
  for (let i = 0; i < n; i++) {
    const 编制人数 = int(1, 80);
    const 在职人数 = edge() ? Math.max(0, 编制人数 + int(-1, 1)) : int(0, 90);
    const 三公经费上年 = dec(1, 200000, 2);
    const 三公经费本年 = edge() ? 三公经费上年 : dec(0, 200000, 2);
    const 三公经费预算 = edge() ? 三公经费本年 : dec(1, 200000, 2);
    const 上年结转 = dec(0, 500, int(0, 2));
    const 资金结余 = edge() ? [上年结转, '0', (Number(上年结转) + 0.01).toFixed(2)][int(0, 2)] : dec(0, 600, int(0, 2));
    const 固定资产总额 = dec(1, 5000, 2);
    const 在用固定资产 = edge() ? 固定资产总额 : dec(0, Number(固定资产总额), 2);
    const values = {
      在职人数,
      编制人数,
      三公经费本年,
      三公经费上年,
      三公经费预算,
      重点支出安排率: pct([60, 70, 80, 90]),
      预算调整率: pct([0, 10, 20, 30], 40),
      未按进度下达专项数: int(0, 7),
      资金结余,
      上年结转,
      资金使用不合规例数: int(0, 4),
      政府采购执行率: pct([85, 100], 110),
      公务卡刷卡率: pct([35, 50]),
      资产管理不合规例数: int(0, 5),
      固定资产总额,
      在用固定资产,
      满意度: pct([75, 85, 95]),
    };
    const assessments = {};
    for (const [id, count] of Object.entries(CHECKLISTS)) {
      const items = {};
      for (let k = 1; k <= count; k++) items[String(k)] = r() < 0.8;
      assessments[id] = { items };
    }
    for (const [id, max] of Object.entries(JUDGEMENTS)) {
      const score = r() < 0.6 ? max : Math.round(r() * max * 10) / 10;
      assessments[id] = score < max ? { score, reason: '部分任务未完成' } : { score };
    }
    yield { values, assessments };
  }
}
