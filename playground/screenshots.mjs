// The workbench's views as pictures for README.md and docs/authoring.md (npm run screenshot):
// docs/workbench-edit.png, -score.png, -import.png, -review.png, from the built files
// (playground/dist, npm run build:playground) opened from disk in headless Chromium.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, openWorkbench } from './drive.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const docs = join(here, '..', 'docs');
const url = pathToFileURL(join(here, 'dist', 'index.html')).href;
const browser = await launch(process.env.CHROMIUM ?? 'chromium');
try {
  const { page, errors } = await openWorkbench(browser, url, { width: 1440, height: 900 });
  const shot = async (name) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(docs, `workbench-${name}.png`) });
    console.log(`docs/workbench-${name}.png`);
  };
  // 1. The Hunan sheet (the Yunxi report's 评分表) turned into a draft: its TODOs to decide.
  await page.click('#tab-import');
  await page.click('#import-hunan');
  await page.locator('#todos li[data-line]').first().waitFor();
  await shot('import');
  // 2. The rubric in the editor, each indicator's 评分标准 against its rule.
  await page.selectOption('#open-select', 'bundled:hunan-department');
  await page.click('#tab-edit');
  await page.locator('#indicators tbody tr').first().waitFor();
  // The schema's description of a key, in Chinese, as the pointer rests on it.
  await page.locator('.cm-content .cm-line', { hasText: /^precision: 2$/ }).hover({ position: { x: 25, y: 8 } });
  await page.locator('.cm-schema-hover').waitFor();
  await shot('edit');
  // 3. Yunxi 2021 filled in and scored.
  await page.selectOption('#open-select', 'example:yunxi-2021');
  await page.click('#tab-score');
  await page.locator('#score-sheet').waitFor();
  await shot('score');
  await page.locator('#input-form .assessments').scrollIntoViewIfNeeded();
  await page.locator('#view-score .result-col h3').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/workbench-score-2.png', fullPage: true });
  // 4. The 稷山 2020 form reviewed: the findings beside the rows.
  await page.selectOption('#open-select', 'example:jishan-2020-peitao');
  await page.click('#tab-review');
  await page.locator('#findings li').first().waitFor();
  await shot('review');
  if (errors.length) throw new Error(errors.join('\n'));
} finally {
  await browser.close();
}
