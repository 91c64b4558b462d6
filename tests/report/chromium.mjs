// Open an HTML file in headless Chromium, as a person would, over the DevTools protocol on a pipe
// (no extra package): read what the page shows, find characters drawn as the missing-glyph box,
// and take a full-page screenshot.
//
//   node tests/report/chromium.mjs page.html out.png
//   node tests/report/chromium.mjs --docs      (npm run screenshot: the examples' sheets into docs/)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The examples whose sheets the README shows: [rubric, example folder, picture in docs/]. */
export const PICTURES = [
  ['hunan-department', 'yunxi-2021', 'sheet-yunxi-2021.png'],
  ['project-self-evaluation', 'miluo-2018-project', 'sheet-miluo-2018-project.png'],
];

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
  } else await shoot(args[0], args[1]);
}
