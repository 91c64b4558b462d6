/**
 * Scoring in worker threads for `jixiao batch --workers N`. Each worker loads the rubric itself
 * (the same argument, the same `--extends-root`) and scores chunks of records with the same
 * function the main thread uses (scoreRecords), so the output does not depend on the thread.
 * The main thread reads, hands out chunks, and writes results in input order.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { safeLoadBundledRubric } from '../../index.js';
import { commandContext, loadRubricArg } from '../context.js';
import { planColumns } from './columns.js';
import { blockByteRecords, type RecordBlock } from './read.js';
import { scoreRecords, type RawRecord, type RecordInfo, type ScoreSetup } from './score.js';

/** What a worker needs to build its own {@link ScoreSetup}. */
export interface WorkerInit {
  jixiaoBatch: true;
  rubricArg: string;
  flags: [string, string | true][];
  file: string;
  format: ScoreSetup['format'];
  full: boolean;
  idFields: string[];
  rankBy?: string;
  header?: string[];
}

/**
 * What a worker of `jixiao serve` needs: the rubrics registered by id (each loaded from its file
 * with the same `--extends-root`), the file name lines are placed in; each chunk then says which
 * rubric and which output it is scored for ({@link ChunkSetup}).
 */
export interface ServeWorkerInit {
  jixiaoServe: true;
  /** Registered rubrics: id and the argument they were loaded from; any other id is a bundled rubric. */
  registered: [string, string][];
  flags: [string, string | true][];
  file: string;
}

/** For a shared pool (`jixiao serve`): the rubric and the output a chunk is scored for. */
export interface ChunkSetup {
  rubric: string;
  full: boolean;
  idFields: string[];
}

/** Records to score: as read (CSV rows, say), or NDJSON lines as bytes, decoded by the worker. */
export type Work = RawRecord[] | RecordBlock;

interface Job {
  seq: number;
  index: number;
  work: Work;
  setup?: ChunkSetup;
}

/** The records of a piece of work. */
export function workRecords(work: Work): RawRecord[] {
  // A block's lines stay bytes: scoreRecords decodes only those it does not score from their bytes.
  return Array.isArray(work) ? work : blockByteRecords(work);
}
export interface Done {
  seq: number;
  /** The chunk's output: UTF-8 bytes from a worker (moved, not copied), text when scored in the main thread. */
  text: string | Uint8Array;
  infos: RecordInfo[];
  /** Each record's length in the text (UTF-16 code units). */
  lengths: number[];
}

/** Build the scoring setup from an init message; undefined when the rubric does not load. */
export function setupFrom(init: WorkerInit): ScoreSetup | undefined {
  const ctx = commandContext([], new Map(init.flags), 'both', { out: () => {}, err: () => {} });
  const r = loadRubricArg(ctx, init.rubricArg);
  if (!r.success) return undefined;
  const setup: ScoreSetup = { rubric: r.value, file: init.file, format: init.format, full: init.full, idFields: init.idFields };
  if (init.rankBy !== undefined) setup.rankBy = init.rankBy;
  if (init.header) {
    const p = planColumns(r.value, init.header, [...init.idFields, ...(init.rankBy !== undefined ? [init.rankBy] : [])], init.file);
    if ('issues' in p) return undefined;
    setup.columns = p.plan;
  }
  return setup;
}

/** A serve worker's setups, one per rubric and output, built on first use (undefined: the rubric did not load). */
function serveSetups(init: ServeWorkerInit): (c: ChunkSetup) => ScoreSetup | undefined {
  const ctx = commandContext([], new Map(init.flags), 'both', { out: () => {}, err: () => {} });
  const registered = new Map(init.registered);
  const setups = new Map<string, ScoreSetup | undefined>();
  return (c) => {
    const key = JSON.stringify([c.rubric, c.full, c.idFields]);
    if (!setups.has(key)) {
      const file = registered.get(c.rubric);
      const r = file !== undefined ? loadRubricArg(ctx, file) : safeLoadBundledRubric(c.rubric);
      setups.set(key, r.success ? { rubric: r.value, file: init.file, format: 'ndjson', full: c.full, idFields: c.idFields } : undefined);
    }
    return setups.get(key);
  };
}

/** The worker's side: set up once, then score every chunk it is sent. */
export function runWorker(): void {
  const init = workerData as WorkerInit | ServeWorkerInit | undefined;
  if (!parentPort || !init || !('jixiaoBatch' in init || 'jixiaoServe' in init)) return;
  const setupOf = 'jixiaoServe' in init ? serveSetups(init) : ((one) => () => one)(setupFrom(init));
  const port = parentPort;
  const encoder = new TextEncoder();
  port.on('message', (job: Job) => {
    const setup = setupOf(job.setup!);
    if (!setup) throw new Error('the rubric did not load in a worker');
    const r = scoreRecords(setup, workRecords(job.work), job.index);
    const bytes = encoder.encode(r.text);
    port.postMessage({ seq: job.seq, text: bytes, infos: r.infos, lengths: r.lengths } satisfies Done, [bytes.buffer]);
  });
}

/**
 * Each worker's old-generation heap, in MB. A worker scores a chunk at a time and keeps about
 * 15 MB live (the rubric and one chunk), so this is room to spare; what it bounds is the
 * garbage a worker may let pile up before collecting it, which is most of a batch's memory.
 */
export const WORKER_HEAP_MB = 64;

/**
 * Each worker's young generation, in MB (V8 makes it of 8 MB semi-spaces). A larger one scored
 * no faster, within the noise, and held more: a million Hunan records with two workers peaked at
 * 326 MB with 32, 242 MB with 24.
 */
export const WORKER_YOUNG_MB = 24;

/** How many times a worker that ran out of memory is started again before its place stays empty. */
const RESTARTS = 3;

interface Pending {
  resolve: (d: Done) => void;
  reject: (e: Error) => void;
  worker: number;
  index: number;
  work: Work;
  setup?: ChunkSetup;
}

export interface PoolOptions {
  /** Scores a chunk in the main thread: a chunk whose worker ran out of memory (a hostile record) is scored here. */
  fallback: (index: number, records: RawRecord[], setup?: ChunkSetup) => Omit<Done, 'seq'>;
  /** The old-generation heap of each worker (default {@link WORKER_HEAP_MB}). */
  heapMb?: number;
}

/**
 * Worker threads that score chunks; results come back as promises, one per chunk. A worker
 * that runs out of memory on a chunk (a record built to be huge) does not stop the batch: its
 * chunks are scored in the main thread, whose heap is the process's, and the worker is started
 * again — so the output is what scoring in one thread gives, whatever the records.
 */
export class Pool {
  private readonly workers: (Worker | undefined)[] = [];
  private readonly busy: number[] = [];
  private readonly restarts: number[] = [];
  private readonly waiting = new Map<number, Pending>();
  private failed: Error | undefined;

  constructor(
    private readonly script: string,
    size: number,
    private readonly init: WorkerInit | ServeWorkerInit,
    private readonly options: PoolOptions,
  ) {
    for (let w = 0; w < size; w++) {
      this.busy.push(0);
      this.restarts.push(0);
      this.workers.push(this.spawn(w));
    }
  }

  private spawn(w: number): Worker {
    const worker = new Worker(this.script, { workerData: this.init, stdout: false, stderr: false, resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    const current = () => this.workers[w] === worker;
    worker.on('message', (d: Done) => {
      const p = this.waiting.get(d.seq);
      if (!p) return;
      this.waiting.delete(d.seq);
      this.busy[p.worker]!--;
      p.resolve(d);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (!current()) return;
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') this.outOfMemory(w);
      else this.fail(w, e);
    });
    worker.on('exit', (code) => {
      if (current() && code !== 0) this.fail(w, new Error(`a worker stopped (exit ${code})`));
    });
    return worker;
  }

  /** The worker `w` ran out of memory: its chunks are scored here, and it is started again (a few times at most). */
  private outOfMemory(w: number): void {
    this.workers[w] = this.restarts[w]! < RESTARTS ? this.spawn(w) : undefined;
    this.restarts[w]!++;
    this.busy[w] = 0;
    for (const [seq, p] of [...this.waiting]) {
      if (p.worker !== w) continue;
      this.waiting.delete(seq);
      try {
        p.resolve({ seq, ...this.options.fallback(p.index, workRecords(p.work), p.setup) });
      } catch (e) {
        p.reject(e as Error);
      }
    }
  }

  private fail(w: number, e: Error): void {
    this.failed ??= e;
    for (const [seq, p] of this.waiting) if (p.worker === w) (this.waiting.delete(seq), p.reject(e));
  }

  /**
   * Score one chunk on the least busy worker (in this thread when no worker is left). `seq` names
   * the chunk among those in flight; a shared pool (`jixiao serve`) says each chunk's `setup`.
   * A block's bytes are copied to the worker, not moved: a worker that runs out of memory leaves
   * them here to be scored.
   */
  run(seq: number, index: number, work: Work, setup?: ChunkSetup): Promise<Done> {
    if (this.failed) return Promise.reject(this.failed);
    let w = -1;
    for (let k = 0; k < this.workers.length; k++) if (this.workers[k] && (w < 0 || this.busy[k]! < this.busy[w]!)) w = k;
    if (w < 0) return Promise.resolve({ seq, ...this.options.fallback(index, workRecords(work), setup) });
    this.busy[w]!++;
    return new Promise((resolve, reject) => {
      const pending: Pending = { resolve, reject, worker: w, index, work };
      const job: Job = { seq, index, work };
      if (setup) pending.setup = job.setup = setup;
      this.waiting.set(seq, pending);
      this.workers[w]!.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const all = this.workers.filter((x): x is Worker => x !== undefined);
    this.workers.length = 0;
    await Promise.all(all.map((x) => x.terminate()));
  }
}
