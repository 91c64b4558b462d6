import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../src/cli/main.js';
import { evaluate, loadRubric, messagesZh } from '../src/index.js';

// The README makes promises; these tests keep them true.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = (title: string) => readme.slice(readme.indexOf(title), readme.indexOf('\n## ', readme.indexOf(title) + 1));
const blocks = (text: string, lang: string) => [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('README', () => {
  it('opens with the two commands, and CI runs the test one', () => {
    const first = blocks(readme, 'sh')[0]!;
    expect(first).toMatch(/^npm ci && npm run example/m);
    expect(first).toMatch(/^npm test/m);
    expect(readFileSync(new URL('../.ci/run', import.meta.url), 'utf8')).toMatch(/^npm test$/m);
  });

  it('the fifteen-line rubric prints what the README says it prints', () => {
    const s = section('## A rubric in fifteen lines');
    const rubric = loadRubric(blocks(s, 'yaml')[0]!);
    const code = blocks(s, 'ts')[0]!;
    const values = parse(/values: (\{[^}]*\})/.exec(code)![1]!);
    const result = evaluate(rubric, { values });
    const printed = [`${result.total} ${result.grade}`, ...result.deductions.map((d) => `-${d.points}  ${d.reason}`)].join('\n');
    expect(printed + '\n').toBe(blocks(s, 'text')[0]);
  });

  it('shows the real output of the authoring commands (lint of the Kunming sheet as printed, a variant)', () => {
    const shownBlocks = blocks(section('## Authoring tools'), 'console');
    expect(shownBlocks.length).toBe(2);
    for (const block of shownBlocks) {
      const [command, ...shown] = block.trimEnd().split('\n');
      let out = '';
      run(command!.replace(/^\$ npx jixiao /, '').split(' '), { out: (s) => (out += s), err: (s) => (out += s) });
      expect(out.trimEnd().split('\n')).toStrictEqual(shown);
    }
  });

  it('lists every issue code', () => {
    const table = section('## Issues');
    const missing = Object.keys(messagesZh).filter((code) => !table.includes(`\`${code}\``));
    expect(missing).toStrictEqual([]);
  });
});
