/**
 * The repository is whole in a clone: what it tracks is what its top level should hold, and every
 * document it cites is in it. The examples quote the reports they reproduce in their own folder
 * (`examples/<name>/source.md`, each line after its line number in the report), so a README's
 * “line 423” can be checked by anyone who has the repository and nothing else.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The tracked files, or undefined outside a git checkout (an unpacked archive has no index). */
function trackedFiles(): string[] | undefined {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\0').filter((f) => f !== '' && existsSync(join(root, f)));
  } catch {
    return undefined;
  }
}
const tracked = trackedFiles();
const files = tracked ?? [];

/** Text files only: a NUL byte in the first 8 KB marks a binary (the PNG screenshots). */
const texts = files.flatMap((f) => {
  const bytes = readFileSync(join(root, f));
  return bytes.subarray(0, 8192).includes(0) ? [] : [{ file: f, text: bytes.toString('utf8') }];
});

const TOP_LEVEL = [
  '.ci', '.gitignore', 'CHANGELOG.md', 'LICENSE', 'README.md', 'SECURITY.md', 'bench', 'docs', 'examples',
  'input.schema.json', 'package-lock.json', 'package.json', 'playground', 'rubric.schema.json', 'rubrics', 'src', 'tests',
  'tsconfig.json', 'tsup.config.ts', 'vitest.config.ts',
];

// Written in pieces so that this file does not cite them itself.
const OUTSIDE: { name: string; pattern: RegExp }[] = [
  { name: 'the shared folder beside the repository', pattern: new RegExp(['\\.\\.', 'shared'].join('/')) },
  { name: 'the seeds folder', pattern: new RegExp(['shared', 'seeds'].join('/')) },
  { name: 'an absolute working path', pattern: new RegExp(['', 'work', ''].join('/')) },
  { name: 'a seed document by its number', pattern: new RegExp(['seeds', '\\d{3}'].join('/')) },
];

/** Each line of a text that cites outside the repository, as `file:line: text`. */
function outsideCitations(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) =>
    OUTSIDE.filter((o) => o.pattern.test(line)).map((o) => `${file}:${i + 1}: ${o.name}: ${line.trim()}`),
  );
}

/** A relative path that climbs out of the repository from `file`'s folder. */
function climbsOut(file: string, target: string): boolean {
  const to = relative(root, resolve(root, dirname(file), target));
  return to === '..' || to.startsWith(`..${sep}`);
}

/** Markdown link targets that are files of the repository: no scheme, no bare #anchor. */
function localLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!.split('#')[0]!)
    .filter((t) => t !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/** Line numbers a README cites: `line 423`, `lines 437–721`, `lines 34, 251`, `lines ~455–680`. */
function citedLines(text: string): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(/\blines? ~?(\d+(?:\s*[–-]\s*\d+)?(?:(?:,\s*|\s+and\s+)\d+(?:\s*[–-]\s*\d+)?)*)/g)) {
    for (const part of m[1]!.split(/,\s*|\s+and\s+/)) {
      const [a, b = a] = part.split(/\s*[–-]\s*/).map(Number);
      found.push(a!, b!);
    }
  }
  return found;
}

/** The line numbers an excerpt quotes: the numbered lines of its `text` block. */
function quotedLines(excerpt: string): Set<number> {
  const block = /```text\n([\s\S]*?)\n```/.exec(excerpt)?.[1] ?? '';
  return new Set([...block.matchAll(/^\s*(\d+)(?: {2}|$)/gm)].map((m) => Number(m[1])));
}

describe.skipIf(tracked === undefined)('the repository, as tracked by git', () => {
  it('holds at its top level only the entries of the layout', () => {
    expect([...new Set(files.map((f) => f.split('/')[0]!))].sort()).toStrictEqual([...TOP_LEVEL].sort());
  });

  it('no tracked text cites a path outside the repository', () => {
    expect(texts.flatMap(({ file, text }) => outsideCitations(file, text))).toStrictEqual([]);
  });

  it('every relative link in a Markdown file names a tracked file or folder inside the repository', () => {
    const known = new Set(files.flatMap((f) => f.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    const broken = texts
      .filter(({ file }) => file.endsWith('.md'))
      .flatMap(({ file, text }) =>
        localLinks(text)
          .filter((t) => climbsOut(file, t) || !known.has(relative(root, resolve(root, dirname(file), t)).split(sep).join('/')))
          .map((t) => `${file}: ${t}`),
      );
    expect(broken).toStrictEqual([]);
  });

  it('every example README that cites lines of a report links its excerpt, and the excerpt quotes those lines', () => {
    const readmes = texts.filter(({ file }) => /^examples\/[^/]+\/README\.md$/.test(file));
    const citing = readmes.filter(({ text }) => citedLines(text).length > 0);
    expect(citing.map(({ file }) => file).sort()).toStrictEqual(
      ['ezhou-2018', 'kunming-2017', 'miluo-2017', 'miluo-2018-project', 'yunxi-2021'].map((e) => `examples/${e}/README.md`),
    );
    for (const { file, text } of citing) {
      const excerpt = join(dirname(file), 'source.md');
      expect(localLinks(text), file).toContain('source.md');
      expect(files, file).toContain(excerpt);
      const quoted = quotedLines(readFileSync(join(root, excerpt), 'utf8'));
      expect(citedLines(text).filter((n) => !quoted.has(n)), file).toStrictEqual([]);
    }
  });

  it('reads the citations it checks', () => {
    expect(citedLines('line 423: 5270元; lines 437–721 and lines 34, 251; lines ~455–680; lines 17–18')).toStrictEqual([
      423, 423, 437, 721, 34, 34, 251, 251, 455, 680, 17, 18,
    ]);
    expect(quotedLines('x\n\n```text\n  1  附件2\n…\n447  附件3\n448\n```\n')).toStrictEqual(new Set([1, 447, 448]));
    expect(outsideCitations('README.md', `see ${['..', 'shared', 'x'].join('/')} and seeds${'/'}001`)).toHaveLength(2);
    expect(outsideCitations('CHANGELOG.md', `seeds${'/'}001`)).toHaveLength(1);
    expect(climbsOut('examples/a/README.md', '../../rubrics/x.yaml')).toBe(false);
    expect(climbsOut('examples/a/README.md', '../../../x')).toBe(true);
  });
});
