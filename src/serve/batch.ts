/**
 * `POST /v1/batch?rubric=<id>`: NDJSON records in, one NDJSON line per record out, streamed as
 * the records arrive — the lines `jixiao batch` writes (src/cli/batch/score.ts), from the same
 * reader (src/cli/batch/read.ts), so a line's content, its `line`, its issues' lines and columns
 * are the command's. Memory stays flat: a chunk of records at a time, and no more is read while
 * the client is not reading the answer. Lines are written whole: however a stream stops (the
 * client goes, the time runs out, the server shuts down), what was sent ends on a line break.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_LIMITS, type Issue } from '../index.js';
import { makeIssue } from '../issues/issue.js';
import { readRecords } from '../cli/batch/read.js';
import { scoreRecords, type RawRecord, type ScoreSetup } from '../cli/batch/score.js';
import { queryFlag, sendIssues } from './http.js';
import { BODY, type RubricCatalogue } from './routes.js';

/** Why a stream stopped before its end. */
class Stopped extends Error {
  constructor(readonly why: 'timeout' | 'closing' | 'gone') {
    super(why);
  }
}

/** The rubric (by id) and the output a chunk of a batch is scored for. */
export interface ChunkSetup {
  rubric: string;
  full: boolean;
  idFields: string[];
}

/**
 * Scores chunks of batch records off the main thread (`jixiao serve --workers N`): one set of
 * worker threads shared by every batch, started with the server and closed with it. A chunk's
 * text is exactly what {@link scoreRecords} gives for it in the main thread.
 */
export interface ChunkScorer {
  /** How many chunks to keep in flight per stream (reading runs this far ahead of writing). */
  readonly ahead: number;
  score(index: number, records: RawRecord[], setup: ChunkSetup): Promise<{ text: string | Uint8Array }>;
  close(): Promise<void>;
}

/** What the batch handler needs from the server. */
export interface BatchContext {
  catalogue: RubricCatalogue;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Most time, in ms, between two chunks of the body (and before the first). */
  idleTimeout: number;
  /** Settles when the server's grace period after SIGTERM is over: the stream ends at the next whole line. */
  forced: Promise<void>;
  /** Worker threads for the scoring; without them chunks are scored in the main thread. */
  scorer?: ChunkScorer;
}

/** The body's chunks, until its end; a wait longer than `idle`, or the end of the grace period, stops it. */
async function* chunks(req: IncomingMessage, idle: number, forced: Promise<void>): AsyncGenerator<Buffer> {
  const it = req[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const stop = forced.then(() => new Stopped('closing'));
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Stopped>((resolve) => {
      timer = setTimeout(() => resolve(new Stopped('timeout')), idle);
    });
    let next: IteratorResult<Buffer> | Stopped;
    try {
      next = await Promise.race([it.next(), late, stop]);
    } catch {
      throw new Stopped('gone');
    } finally {
      clearTimeout(timer);
    }
    if (next instanceof Stopped) throw next;
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Wait until the client has read what was written (true), or has gone or read nothing for `ms`
 * (false: a client that does not read its answer does not keep the stream, and its slot, for ever).
 */
function drained(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), ms);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/** A line that says why the stream ended early: the issues, without an index (no record is meant). */
const endLine = (issues: Issue[]) => `${JSON.stringify({ issues: issues.map((i) => ({ code: i.code, severity: i.severity, path: i.path, ...(i.source ? { line: i.source.line, column: i.source.column } : {}), message: i.message, messageEn: i.messageEn })) })}\n`;

/** Answer one batch request. Resolves when the answer has ended (or the client has gone). */
export async function batchRoute(ctx: BatchContext): Promise<void> {
  const { req, res, url } = ctx;
  const id = url.searchParams.get('rubric');
  if (id === null) {
    sendIssues(res, [makeIssue('missing_key', { key: 'rubric' }, { path: ['rubric'] })], 400, { connection: 'close' });
    return;
  }
  const rubric = ctx.catalogue.byId(id);
  if (!rubric.success) {
    sendIssues(res, rubric.issues, 422, { connection: 'close' });
    return;
  }
  const idFields = (url.searchParams.get('id') ?? 'id').split(',').map((s) => s.trim().replace(/^meta\./, '')).filter((s) => s !== '');
  const setup: ScoreSetup = { rubric: rubric.value, file: BODY, format: 'ndjson', full: queryFlag(url, 'full'), idFields: idFields.length ? idFields : ['id'] };
  let gone = false;
  res.on('close', () => {
    if (!res.writableFinished) gone = true;
  });
  const start = () => {
    if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
  };
  let index = 0;
  const events = readRecords(chunks(req, ctx.idleTimeout, ctx.forced), 'ndjson', BODY, DEFAULT_LIMITS.maxBytes, true);
  // With workers: chunks scored in flight, written in input order as soon as the oldest is done.
  const scorer = ctx.scorer;
  const chunkSetup: ChunkSetup = { rubric: id, full: setup.full, idFields: setup.idFields };
  const queue: { promise: Promise<{ text: string | Uint8Array }>; done?: string | Uint8Array; failed?: unknown }[] = [];
  /** Write the scored chunks at the head of the queue, in order. */
  const drain = () => {
    while (queue.length && queue[0]!.done !== undefined && !gone) {
      const text = queue.shift()!.done!;
      start();
      res.write(text);
    }
  };
  /** Drain; wait for the oldest chunk while more than `limit` are in flight, and for the client while it does not read. */
  const flush = async (limit: number) => {
    drain();
    while (queue.length > limit) {
      const head = queue[0]!;
      await head.promise.then(
        () => {},
        () => {},
      );
      if (head.failed !== undefined) throw head.failed;
      drain();
    }
    // The client reads no faster than this: nothing more is read until it has.
    if (res.writableNeedDrain && !(await drained(res, ctx.idleTimeout))) throw new Stopped('gone');
  };
  try {
    try {
      for await (const e of events) {
        if (gone) throw new Stopped('gone');
        if (e.kind === 'fatal') {
          await flush(0);
          if (!res.headersSent) sendIssues(res, [e.issue], 422);
          else res.end(endLine([e.issue]));
          return;
        }
        if (e.kind !== 'records') continue;
        if (scorer) {
          const item: (typeof queue)[number] = { promise: scorer.score(index, e.records, chunkSetup) };
          item.promise.then(
            (d) => {
              item.done = d.text;
              drain();
            },
            (err: unknown) => (item.failed = err),
          );
          queue.push(item);
          index += e.records.length;
          if (gone) throw new Stopped('gone');
          await flush(scorer.ahead);
          continue;
        }
        const { text } = scoreRecords(setup, e.records, index);
        index += e.records.length;
        start();
        if (!res.write(text) && !(await drained(res, ctx.idleTimeout))) throw new Stopped('gone');
        // Other requests are answered between two chunks of a long stream.
        await new Promise((r) => setImmediate(r));
      }
    } catch (e) {
      // The stream stops (time, shutdown): what was read before is still scored and written, whole.
      if (e instanceof Stopped && e.why !== 'gone' && !gone) await flush(0);
      throw e;
    }
    await flush(0);
    if (gone) throw new Stopped('gone');
    start();
    res.end();
  } catch (e) {
    // Chunks still in flight are dropped: nothing more is written but the last line.
    queue.length = 0;
    const why = e instanceof Stopped ? e.why : 'gone';
    if (why === 'gone' || gone) {
      // Nobody reads: the connection goes, and with it what was waiting to be sent.
      req.socket.destroy();
      return;
    }
    const issue = why === 'timeout' ? makeIssue('request_timeout', { limit: ctx.idleTimeout, phase: 'body' }) : makeIssue('server_closing');
    if (!res.headersSent) sendIssues(res, [issue], undefined, { connection: 'close' });
    else res.end(endLine([issue]));
    // The rest of the body is not read: the connection closes once the answer is out.
    const socket = req.socket;
    res.once('finish', () => {
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
    });
  }
}
