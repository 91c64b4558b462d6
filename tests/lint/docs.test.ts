import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/authoring.md promises that every output it shows is what the command prints. Run them.
const root = new URL('../../', import.meta.url).pathname;
const guide = readFileSync(join(root, 'docs/authoring.md'), 'utf8');
const blocks = (lang: string) => [...guide.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

// The example files the guide shows, written where the commands that name them run.
const work = mkdtempSync(join(tmpdir(), 'jixiao-guide-'));
writeFileSync(join(work, 'county.yaml'), blocks('yaml').find((b) => b.includes('id: county-department'))!);
writeFileSync(join(work, 'sheet.md'), blocks('markdown').find((b) => b.includes('## 项目支出绩效评价指标'))!);
copyFileSync(join(root, 'tests/fixtures/hunan-sheet.csv'), join(work, 'hunan-sheet.csv'));

interface Example {
  command: string;
  shown: string[];
}
const examples: Example[] = [];
for (const block of blocks('console')) {
  let current: Example | undefined;
  for (const line of block.replace(/\n$/, '').split('\n')) {
    if (line.startsWith('$ ')) {
      current = { command: line.slice(2), shown: [] };
      if (current.command.startsWith('npx jixiao ')) examples.push(current);
    } else current?.shown.push(line);
  }
}

describe('docs/authoring.md shows real output', () => {
  it('has the examples it should', () => {
    expect(examples.length).toBeGreaterThanOrEqual(9);
  });

  it.each(examples.map((e) => [e.command, e] as const))('%s', (_, e) => {
    const args = e.command.split(' ').slice(2);
    // Paths into the repository run from its root; everything else (bundled ids resolve anywhere)
    // runs in the scratch folder, so files the commands write never land in the checkout.
    const inRepo = args.some((a) => a.startsWith('tests/') || a.startsWith('rubrics/'));
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.cjs'), ...args], { cwd: inRepo ? root : work, encoding: 'utf8' });
    const printed = (r.stdout + r.stderr).replace(/\n$/, '').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);
    const cut = e.shown.indexOf('…');
    const shown = cut < 0 ? e.shown : e.shown.slice(0, cut);
    expect(cut < 0 ? printed : printed.slice(0, cut)).toStrictEqual(shown.length ? shown : printed.filter(() => false));
  });
});
