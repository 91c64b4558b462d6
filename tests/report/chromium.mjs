// Open an HTML file in headless Chromium, as a person would, over the DevTools protocol on a pipe
// (no extra package): read what the page shows, find characters drawn as the missing-glyph box,
// and take a full-page screenshot.
//
//   node tests/report/chromium.mjs page.html out.png
//   node tests/report/chromium.mjs --docs      (npm run screenshot: the examples' sheets into docs/)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The examples whose sheets the README shows: [rubric, example folder, picture in docs/]. */
export const PICTURES = [
  ['hunan-department', 'yunxi-2021', 'sheet-yunxi-2021.png'],
  ['project-self-evaluation', 'miluo-2018-project', 'sheet-miluo-2018-project.png'],
];

/**
 * The pictures of docs/authoring.md, one per step: the sheet a bureau starts from (a CSV of the
 * Hunan sheet, drawn as a spreadsheet shows it), the blank 评分表 of the rubric drafted from it and
 * checked, and the same sheet scored (the Yunxi picture above).
 */
export const AUTHORING = {
  source: ['tests/fixtures/hunan-sheet.csv', 'authoring-1-source.png'],
  blank: ['hunan-department', 'authoring-2-blank.png'],
};

/** A CSV table as a spreadsheet shows it: a grid of cells, line breaks kept. */
export function csvAsHtml(text, title) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');
  const cells = (r, tag) => r.map((c) => `<${tag}>${esc(c)}</${tag}>`).join('');
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 13px; margin: 16px; }
h1 { font-size: 15px; font-weight: normal; color: #555; }
table { border-collapse: collapse; } td, th { border: 1px solid #c8c8c8; padding: 3px 6px; vertical-align: top; max-width: 420px; }
th { background: #eef2e8; font-weight: normal; }
</style></head><body><h1>${esc(title)}</h1><table class="sheet"><thead><tr>${cells(rows[0] ?? [], 'th')}</tr></thead><tbody>${rows.slice(1).map((r) => `<tr class="leaf">${cells(r, 'td')}</tr>`).join('')}</tbody></table></body></html>`;
}

/** The Chromium on this machine, or undefined. */
export function findChromium() {
  for (const name of [process.env.CHROMIUM, 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'].filter(Boolean)) {
    const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return name;
  }
  return undefined;
}

// In the page: which characters of the body text are drawn exactly like a character no font has
// (the .notdef box), with the page's own font. Pixels, not font names: what a reader would see.
const MISSING_GLYPHS = `(() => {
  const font = getComputedStyle(document.body).fontFamily;
  const canvas = document.createElement('canvas');
  canvas.width = 40; canvas.height = 40;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  const draw = (ch) => { g.clearRect(0, 0, 40, 40); g.font = '28px ' + font; g.fillStyle = '#000'; g.textBaseline = 'top'; g.fillText(ch, 4, 4); return Array.from(g.getImageData(0, 0, 40, 40).data).join(','); };
  const none = draw('\\u{10FFFD}');
  const text = document.body.innerText + Array.from(document.querySelectorAll('svg text')).map((t) => t.textContent).join('');
  const chars = [...new Set(Array.from(text))].filter((c) => c.trim());
  return { checked: chars.length, missing: chars.filter((c) => draw(c) === none) };
})()`;

const PAGE_FACTS = `(() => ({
  title: document.querySelector('h1')?.textContent,
  headings: Array.from(document.querySelectorAll('table.sheet thead th')).map((t) => t.textContent),
  rows: Array.from(document.querySelectorAll('table.sheet tr.leaf')).map((tr) => Array.from(tr.cells).map((td) => td.innerText)),
  total: Array.from(document.querySelector('table.sheet tr.total')?.cells ?? []).map((td) => td.innerText),
  grade: Array.from(document.querySelector('table.sheet tr.grade')?.cells ?? []).map((td) => td.innerText),
  bars: document.querySelectorAll('svg.chart rect[height="18"]').length,
  width: document.documentElement.scrollWidth,
  height: document.documentElement.scrollHeight,
}))()`;

/**
 * Open `file` in headless Chromium at `width` CSS pixels; returns what the page shows, the
 * characters drawn as missing glyphs, and a PNG screenshot of the whole page.
 */
export async function lookAt(file, { chromium = findChromium(), width = 1400 } = {}) {
  if (!chromium) throw new Error('Chromium not found (apt-get install chromium fonts-noto-cjk)');
  const child = spawn(chromium, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--hide-scrollbars', '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const toBrowser = child.stdio[3];
  const fromBrowser = child.stdio[4];
  let nextId = 1;
  const waiting = new Map();
  const events = [];
  let buffer = Buffer.alloc(0);
  let stderr = '';
  child.stdio[2].on('data', (d) => (stderr += d));
  fromBrowser.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    let end;
    while ((end = buffer.indexOf(0)) >= 0) {
      const msg = JSON.parse(buffer.subarray(0, end).toString('utf8'));
      buffer = buffer.subarray(end + 1);
      if (msg.id && waiting.has(msg.id)) {
        const { resolve, reject } = waiting.get(msg.id);
        waiting.delete(msg.id);
        msg.error ? reject(new Error(`${msg.error.message}`)) : resolve(msg.result);
      } else if (msg.method) events.push(msg);
    }
  });
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const until = async (pred, ms = 20000) => {
    const start = Date.now();
    while (!events.some(pred)) {
      if (Date.now() - start > ms) throw new Error(`Chromium: no page load in ${ms} ms\n${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const page = (method, params) => send(method, params, sessionId);
    await page('Page.enable');
    await page('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false });
    await page('Page.navigate', { url: pathToFileURL(file).href });
    await until((e) => e.method === 'Page.loadEventFired' && e.sessionId === sessionId);
    const evaluate = async (expression) => (await page('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })).result.value;
    await evaluate('document.fonts.ready.then(() => true)');
    const facts = await evaluate(PAGE_FACTS);
    const glyphs = await evaluate(MISSING_GLYPHS);
    await page('Emulation.setDeviceMetricsOverride', { width, height: facts.height, deviceScaleFactor: 1, mobile: false });
    const shot = await page('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height: facts.height, scale: 1 } });
    return { ...facts, checkedGlyphs: glyphs.checked, missingGlyphs: glyphs.missing, png: Buffer.from(shot.data, 'base64') };
  } finally {
    try {
      await Promise.race([send('Browser.close'), new Promise((r) => setTimeout(r, 2000))]);
    } catch {
      // closing anyway
    }
    child.kill();
  }
}

async function shoot(file, out) {
  const r = await lookAt(file);
  writeFileSync(out, r.png);
  console.log(`${out}: ${r.rows.length} rows, ${r.checkedGlyphs} characters, missing glyphs: ${r.missingGlyphs.join('') || 'none'}`);
  if (r.missingGlyphs.length) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--docs') {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const tmp = mkdtempSync(join(tmpdir(), 'jixiao-shot-'));
    for (const [rubric, example, png] of PICTURES) {
      const html = join(tmp, `${example}.html`);
      execFileSync(process.execPath, [join(root, 'dist/cli.cjs'), 'score', rubric, join(root, 'examples', example, 'input.json'), '--format', 'html', '--out', html]);
      await shoot(html, join(root, 'docs', png));
    }
    // docs/authoring.md: the sheet as it comes, then the rubric's blank 评分表.
    const [csv, sourcePng] = AUTHORING.source;
    const source = join(tmp, 'source.html');
    writeFileSync(source, csvAsHtml(readFileSync(join(root, csv), 'utf8'), `${csv}（在电子表格中的样子 · as a spreadsheet shows it）`));
    await shoot(source, join(root, 'docs', sourcePng));
    const [rubric, blankPng] = AUTHORING.blank;
    const blank = join(tmp, 'blank.html');
    execFileSync(process.execPath, [join(root, 'dist/cli.cjs'), 'sheet', rubric, '--format', 'html', '--out', blank]);
    await shoot(blank, join(root, 'docs', blankPng));
  } else await shoot(args[0], args[1]);
}
