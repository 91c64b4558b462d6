/**
 * The worker pool of `jixiao batch --workers N`: each worker's heap is capped (that is what keeps
 * a province's batch small in memory), and a chunk whose worker runs out of memory is scored in
 * the main thread, so the output is still what scoring in one thread gives. The workers run the
 * built command (dist/cli-main.cjs), as they do for users.
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBundledRubric } from '../src/index.js';
import { arbitraryInput } from '../src/testing/index.js';
import { Pool, WORKER_HEAP_MB, type Work, type WorkerInit } from '../src/cli/batch/pool.js';
import type { RecordBlock } from '../src/cli/batch/read.js';
import { scoreRecords, type RawRecord, type ScoreSetup } from '../src/cli/batch/score.js';

const script = resolve('dist/cli-main.cjs');
const hunan = loadBundledRubric('hunan-department');
const setup: ScoreSetup = { rubric: hunan, file: 'records.ndjson', format: 'ndjson', full: true, idFields: ['id'] };
const init: WorkerInit = { jixiaoBatch: true, rubricArg: 'hunan-department', flags: [], file: 'records.ndjson', format: 'ndjson', full: true, idFields: ['id'] };
const records: RawRecord[] = fc
  .sample(arbitraryInput(hunan), { numRuns: 120, seed: 20261203 })
  .map((r, i) => ({ line: i + 1, text: JSON.stringify({ meta: { id: `D${i}` }, ...r }) }));
/** A record of nearly the size limit (1 MiB): a 900,000-character meta field. */
const huge: RawRecord = { line: 121, text: JSON.stringify({ meta: { id: 'huge', 附注: 'a'.repeat(900_000) }, values: {} }) };
const text = (t: string | Uint8Array) => (typeof t === 'string' ? t : new TextDecoder().decode(t));

let pool: Pool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

/** Score `chunks` through a pool of one worker with the given heap; the output and how many chunks fell back. */
async function throughPool(heapMb: number, chunks: Work[]) {
  let fallbacks = 0;
  pool = new Pool(script, 1, init, {
    heapMb,
    fallback: (index, recs) => {
      fallbacks++;
      return scoreRecords(setup, recs, index);
    },
  });
  let index = 0;
  const runs = chunks.map((c, seq) => {
    const p = pool!.run(seq, index, c);
    index += Array.isArray(c) ? c.length : c.lines.length;
    return p;
  });
  const done = await Promise.all(runs);
  return { out: done.map((d) => text(d.text)).join(''), infos: done.flatMap((d) => d.infos), fallbacks };
}

function inThread(chunks: RawRecord[][]) {
  let index = 0;
  let out = '';
  for (const c of chunks) {
    out += scoreRecords(setup, c, index).text;
    index += c.length;
  }
  return out;
}

describe('the worker pool', () => {
  const chunks = [records.slice(0, 40), records.slice(40, 80), [...records.slice(80, 120), huge]];

  it(`a worker with the usual heap (${WORKER_HEAP_MB} MB) scores every chunk itself, and its output is the main thread's`, async () => {
    const r = await throughPool(WORKER_HEAP_MB, chunks);
    expect(r.fallbacks).toBe(0);
    expect(r.out).toBe(inThread(chunks));
    expect(r.infos.length).toBe(121);
  });

  it('a worker that runs out of memory does not stop the batch: its chunks are scored in the main thread, the output unchanged', async () => {
    // 16 MB holds the rubric and a chunk of 40, but not the full results of 3,000 records in one chunk.
    const many = Array.from({ length: 25 }, () => records).flat().map((r, i) => ({ line: i + 1, text: r.text }));
    const r = await throughPool(16, [chunks[0]!, many, chunks[1]!]);
    expect(r.fallbacks).toBeGreaterThan(0);
    expect(r.out).toBe(inThread([chunks[0]!, many, chunks[1]!]));
  });

  /**
   * Records as the reader hands NDJSON to a worker: the bytes of their lines, here with a blank
   * line after the first and CRLF after every other one; and the records they are, by hand.
   */
  function asBlock(c: RawRecord[], first: number): { block: RecordBlock; records: RawRecord[] } {
    let text = '';
    let line = first;
    const records: RawRecord[] = [];
    c.forEach((r, k) => {
      text += `${r.text!}${k % 2 ? '\r\n' : '\n'}`;
      records.push({ line: line++, text: r.text! });
      if (k === 0) {
        text += ' \n';
        line++;
      }
    });
    return { block: { bytes: new TextEncoder().encode(text), line: first, lines: records.map((r) => r.line) }, records };
  }

  it('blocks of bytes are decoded by the worker, or by the main thread when the worker runs out of memory: the output is the records scored in one thread', async () => {
    const a = asBlock(chunks[0]!, 1);
    const b = asBlock(chunks[1]!, 100);
    const many = asBlock(Array.from({ length: 25 }, () => records).flat(), 200);
    const usual = await throughPool(WORKER_HEAP_MB, [a.block, chunks[2]!, b.block]);
    expect(usual.fallbacks).toBe(0);
    expect(usual.out).toBe(inThread([a.records, chunks[2]!, b.records]));
    await pool!.close();
    const small = await throughPool(16, [a.block, many.block, b.block]);
    expect(small.fallbacks).toBeGreaterThan(0);
    expect(small.out).toBe(inThread([a.records, many.records, b.records]));
  });

  it('a worker that cannot even start (a heap too small for the rubric) leaves every chunk to the main thread, and the batch ends', async () => {
    const r = await throughPool(4, chunks);
    expect(r.fallbacks).toBe(chunks.length);
    expect(r.out).toBe(inThread(chunks));
  });
});
