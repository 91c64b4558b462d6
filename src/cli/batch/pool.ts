/**
 * Scoring in worker threads for `jixiao batch --workers N`. Each worker loads the rubric itself
 * (the same argument, the same `--extends-root`) and scores chunks of records with the same
 * function the main thread uses (scoreRecords), so the output does not depend on the thread.
 * The main thread reads, hands out chunks, and writes results in input order.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { commandContext, loadRubricArg } from '../context.js';
import { planColumns } from './columns.js';
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

interface Job {
  seq: number;
  index: number;
  records: RawRecord[];
}
export interface Done {
  seq: number;
  text: string;
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

/** The worker's side: set up once, then score every chunk it is sent. */
export function runWorker(): void {
  const init = workerData as WorkerInit | undefined;
  if (!parentPort || !init?.jixiaoBatch) return;
  const setup = setupFrom(init);
  const port = parentPort;
  port.on('message', (job: Job) => {
    if (!setup) throw new Error('the rubric did not load in a worker');
    const r = scoreRecords(setup, job.records, job.index);
    port.postMessage({ seq: job.seq, text: r.text, infos: r.infos, lengths: r.lengths } satisfies Done);
  });
}

/** Worker threads that score chunks; results come back as promises, one per chunk. */
export class Pool {
  private readonly workers: Worker[] = [];
  private readonly busy: number[] = [];
  private readonly waiting = new Map<number, { resolve: (d: Done) => void; reject: (e: Error) => void; worker: number }>();
  private failed: Error | undefined;

  constructor(script: string, size: number, init: WorkerInit) {
    for (let w = 0; w < size; w++) {
      const worker = new Worker(script, { workerData: init, stdout: false, stderr: false });
      worker.on('message', (d: Done) => {
        const p = this.waiting.get(d.seq);
        if (!p) return;
        this.waiting.delete(d.seq);
        this.busy[p.worker]!--;
        p.resolve(d);
      });
      const fail = (e: Error) => {
        this.failed ??= e;
        for (const [seq, p] of this.waiting) if (p.worker === w) (this.waiting.delete(seq), p.reject(e));
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`a worker stopped (exit ${code})`));
      });
      this.workers.push(worker);
      this.busy.push(0);
    }
  }

  /** Score one chunk on the least busy worker. */
  run(seq: number, index: number, records: RawRecord[]): Promise<Done> {
    if (this.failed) return Promise.reject(this.failed);
    let w = 0;
    for (let k = 1; k < this.workers.length; k++) if (this.busy[k]! < this.busy[w]!) w = k;
    this.busy[w]!++;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject, worker: w });
      this.workers[w]!.postMessage({ seq, index, records } satisfies Job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
