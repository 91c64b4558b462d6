// What a key costs in the objects a sheet reads and writes, at 30 keys and at 5,000: the input's
// `values` and `assessments` are enumerated (Object.keys) and the totals' `scores` is built key by
// key, or copied from a template that has the keys and then set (src/evaluate/record.ts, up to a
// hundred keys). Past about a thousand properties V8 keeps an object as a dictionary, and both cost several
// times more per key: the part of the per-leaf cost at 5,000 leaves (bench/leaves.mjs) that no
// scorer can take away while inputs and results are plain objects. Then small objects each with a
// key of its own, as each leaf's `figures`: made as {} and by a maker of their own. CPU time; it only reports.
//
//   node bench/objects.mjs
const sink = [];
const perKey = (keys, rounds, f) => {
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const t = process.cpuUsage();
    for (let i = 0; i < rounds; i++) sink[i & 15] = f();
    const u = process.cpuUsage(t);
    best = Math.min(best, ((u.user + u.system) * 1000) / rounds / keys);
  }
  return best;
};
console.log('| keys | Object.keys, ns a key | built key by key, ns a key | template copied, then set, ns a key |');
console.log('| --: | --: | --: | --: |');
for (const n of [30, 100, 128, 5004]) {
  const ids = Array.from({ length: n }, (_, i) => `指标${i + 1}`);
  const texts = ids.map((_, i) => String(i % 7));
  const object = {};
  for (const id of ids) object[id] = '';
  const rounds = Math.round(600_000 / n);
  const keys = perKey(n, rounds, () => Object.keys(object));
  const built = perKey(n, rounds, () => {
    const o = {};
    for (let k = 0; k < n; k++) o[ids[k]] = texts[k];
    return o;
  });
  const template = JSON.parse(JSON.stringify(object));
  const copied = perKey(n, rounds, () => {
    const o = { ...template };
    for (let k = 0; k < n; k++) o[ids[k]] = texts[k];
    return o;
  });
  console.log(`| ${n.toLocaleString('en-US')} | ${keys.toFixed(1)} | ${built.toFixed(1)} | ${copied.toFixed(1)} |`);
}

// Small objects of one key each, the key different for each (each leaf's `figures` on a sheet of n
// leaves): made as {} and given the key, or made by a maker of their own (src/evaluate/record.ts,
// shapeMaker: a constructor whose prototype is Object.prototype).
console.log('\n| objects, each with a key of its own | {} then the key, ns an object | own maker then the key, ns an object |');
console.log('| --: | --: | --: |');
for (const n of [30, 3334]) {
  const keys = Array.from({ length: n }, (_, i) => `率${i + 1}`);
  const makers = keys.map(() => {
    const Shape = function () {};
    Shape.prototype = Object.prototype;
    return () => new Shape();
  });
  const rounds = Math.round(600_000 / n);
  const literal = perKey(n, rounds, () => {
    let o;
    for (let k = 0; k < n; k++) (o = {}), (o[keys[k]] = '95.5');
    return o;
  });
  const own = perKey(n, rounds, () => {
    let o;
    for (let k = 0; k < n; k++) (o = makers[k]()), (o[keys[k]] = '95.5');
    return o;
  });
  console.log(`| ${n.toLocaleString('en-US')} | ${literal.toFixed(1)} | ${own.toFixed(1)} |`);
}
