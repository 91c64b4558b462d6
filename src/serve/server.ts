/**
 * The HTTP service behind `jixiao serve`: `node:http` and the few pieces it needs — a route
 * table, bounded bodies, limits on time, requests and connections that answer with a code
 * (never a hang), a bearer token compared in constant time, one JSON access-log line per request
 * (never the body), and a graceful close (in-flight requests finish, a batch stream ends on a
 * whole line). No framework: the library already validates every document and says what is
 * wrong with it in its own issue codes, and the scoring core stays free of dependencies.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { makeIssue } from '../issues/issue.js';
import { batchRoute, type ChunkScorer } from './batch.js';
import { queryFlag, rawReply, readBody, sendIssues, sendJson } from './http.js';
import { openApiDocument } from './openapi.js';
import { monitorRoute, monitorSummaryRoute } from './monitor.js';
import { explainRoute, lintRoute, reviewRoute, RubricCatalogue, scoreRoute, sheetRoute, type RegisteredMonitoring, type RegisteredRubric, type Reply } from './routes.js';

/** The limits and settings of a server; every limit has a default (`SERVE_DEFAULTS`). */
export interface ServeOptions {
  /** Largest request body, in bytes (a batch stream has none: each record is within the document limit, 1 MiB). */
  maxBody: number;
  /** Most time, in ms, to receive a request's body and answer it; for a batch stream, the most time between two chunks of its body. */
  timeout: number;
  /** Most time, in ms, for a request's headers to arrive. */
  headerTimeout: number;
  /** Most requests handled at once (health checks aside); more are answered 503 `server_busy`. */
  maxRequests: number;
  /** Most open connections; more are answered 503 `server_busy` and closed. */
  maxConnections: number;
  /** How long, in ms, a keep-alive connection may sit idle. */
  keepAliveTimeout: number;
  /** After close() (SIGTERM): how long, in ms, in-flight requests have to finish; then batch streams end at a whole line. */
  shutdownGrace: number;
  /** A bearer token every request but /healthz and /readyz must carry. */
  token?: string;
  /** Where access-log lines go (one JSON object a line); default: nowhere. */
  log?: (line: string) => void;
  /** Rubrics known by id besides the bundled ones. */
  rubrics?: ReadonlyMap<string, RegisteredRubric>;
  /** Monitoring rubrics (双监控) known by id besides the bundled ones, for `/v1/monitor`. */
  monitoring?: ReadonlyMap<string, RegisteredMonitoring>;
  /** Worker threads that score `/v1/batch` chunks, shared by all requests; closed by close(). Without: the main thread scores. */
  scorer?: ChunkScorer;
}

/** The defaults of {@link ServeOptions}. */
export const SERVE_DEFAULTS = Object.freeze({
  maxBody: 4 * 1024 * 1024,
  timeout: 30_000,
  headerTimeout: 10_000,
  maxRequests: 64,
  maxConnections: 512,
  keepAliveTimeout: 5_000,
  shutdownGrace: 10_000,
});

/** A running (or ready to run) service. */
export interface JixiaoServer {
  /** Listen on `host:port` (port 0: any free port); resolves with the address it listens on. */
  listen(port: number, host?: string): Promise<{ host: string; port: number; url: string }>;
  /** Stop taking connections, let in-flight requests finish (batch streams: within the grace period), then close. */
  close(): Promise<void>;
  /** The `node:http` server, for tests and embedding. */
  readonly http: Server;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Reply | Promise<Reply> | Promise<void>;

/** Token equality that takes the same time whatever the tokens: their SHA-256 digests compared by timingSafeEqual. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Create the service (not yet listening). */
export function createJixiaoServer(given: Partial<ServeOptions> = {}): JixiaoServer {
  const o: ServeOptions = { ...SERVE_DEFAULTS, ...given };
  const catalogue = new RubricCatalogue(o.rubrics, o.monitoring);
  const log = o.log ?? (() => {});
  let closing = false;
  let inFlight = 0;
  let releaseForced!: () => void;
  const forced = new Promise<void>((r) => (releaseForced = r));
  let openApi: string | undefined;

  const withBody = (f: (bytes: Buffer, req: IncomingMessage, url: URL) => Reply | Promise<Reply>): Handler => async (req, res, url) => {
    const body = await readBody(req, o.maxBody);
    if (!body.ok) return { status: 413, json: { success: false, issues: [body.issue] } };
    return f(body.bytes, req, url);
  };

  const routes: Record<string, Record<string, Handler>> = {
    '/v1/score': { POST: withBody((b, _req, url) => scoreRoute(catalogue, b, url, o.maxBody)) },
    '/v1/batch': { POST: (req, res, url) => batchRoute({ catalogue, req, res, url, idleTimeout: o.timeout, forced, ...(o.scorer ? { scorer: o.scorer } : {}) }) },
    '/v1/lint': { POST: withBody((b, req, url) => lintRoute(catalogue, b, url, o.maxBody, req.headers['content-type'])) },
    '/v1/sheet': { POST: withBody((b, _req, url) => sheetRoute(catalogue, b, url, o.maxBody)) },
    '/v1/explain': { POST: withBody((b, _req, url) => explainRoute(catalogue, b, url, o.maxBody)) },
    '/v1/review': { POST: withBody((b, _req, url) => reviewRoute(catalogue, b, url, o.maxBody)) },
    '/v1/monitor': { POST: withBody((b, _req, url) => monitorRoute(catalogue, b, url, o.maxBody)) },
    '/v1/monitor/summary': { POST: withBody((b, _req, url) => monitorSummaryRoute(catalogue, b, url, o.maxBody)) },
    '/v1/rubrics': { GET: () => ({ status: 200, json: { success: true, value: catalogue.list(), warnings: [] } }) },
    '/healthz': { GET: () => ({ status: 200, json: { status: 'ok' } }) },
    '/readyz': { GET: () => (closing ? { status: 503, json: { status: 'closing' } } : { status: 200, json: { status: 'ready' } }) },
    '/openapi.json': { GET: () => ({ status: 200, type: 'application/json; charset=utf-8', body: (openApi ??= `${JSON.stringify(openApiDocument(), null, 2)}\n`) }) },
  };
  /** Answered whatever the load, without a token: a probe must be able to ask. */
  const probes = new Set(['/healthz', '/readyz']);

  const write = (res: ServerResponse, reply: Reply, url?: URL) => {
    // Shutting down: the connection closes after this answer.
    if (closing) res.shouldKeepAlive = false;
    if ('json' in reply) sendJson(res, reply.status, reply.json, {}, url !== undefined && queryFlag(url, 'pretty'));
    else if (!res.headersSent) {
      res.writeHead(reply.status, { 'content-type': reply.type, 'content-length': Buffer.byteLength(reply.body) });
      res.end(reply.body);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    let path = '?';
    res.on('close', () => {
      const line: Record<string, unknown> = { time: new Date().toISOString(), method: req.method, path, status: res.statusCode, ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000, remote: req.socket.remoteAddress ?? null };
      if (!res.writableFinished) line.aborted = true;
      log(JSON.stringify(line));
      if (closing) http.closeIdleConnections();
    });
    if (closing) res.shouldKeepAlive = false;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendIssues(res, [makeIssue('request_invalid', { detail: '请求地址无法读取', detailEn: 'the request target cannot be read' })]);
      return;
    }
    path = url.pathname;
    const route = routes[path];
    if (!route) {
      sendIssues(res, [makeIssue('route_not_found', { method: req.method, path: path.length > 200 ? `${path.slice(0, 200)}…` : path })]);
      return;
    }
    const handler = route[req.method ?? ''];
    if (!handler) {
      const allow = Object.keys(route).join(', ');
      sendIssues(res, [makeIssue('method_not_allowed', { method: req.method, path, allow })], 405, { allow });
      return;
    }
    if (probes.has(path)) {
      write(res, (await handler(req, res, url)) as Reply, url);
      return;
    }
    if (closing) {
      sendIssues(res, [makeIssue('server_closing')], 503, { connection: 'close', 'retry-after': '1' });
      return;
    }
    if (o.token !== undefined) {
      const m = /^Bearer ([^\s]+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!m || !sameToken(m[1]!, o.token)) {
        sendIssues(res, [makeIssue('unauthorized')], 401, { 'www-authenticate': 'Bearer' });
        return;
      }
    }
    if (inFlight >= o.maxRequests) {
      sendIssues(res, [makeIssue('server_busy', { what: 'requests', limit: o.maxRequests })], 503, { 'retry-after': '1' });
      return;
    }
    inFlight++;
    res.once('close', () => inFlight--);
    const batch = path === '/v1/batch';
    // A request that is not answered in time is answered 408, and its connection closed once that is sent.
    const timer = batch ? undefined : setTimeout(() => sendIssues(res, [makeIssue('request_timeout', { limit: o.timeout, phase: 'request' })], 408, { connection: 'close' }), o.timeout);
    try {
      const reply = await handler(req, res, url);
      if (reply) {
        if (reply.status === 413 || reply.status === 408) res.shouldKeepAlive = false;
        write(res, reply, url);
      }
    } catch (e) {
      // A client that went away mid-body: nobody to answer.
      if (!req.destroyed && !res.destroyed) sendIssues(res, [makeIssue('internal_error', { detail: e instanceof Error ? e.message : String(e) })], 500);
    } finally {
      clearTimeout(timer);
    }
  };

  const http = createServer(
    { headersTimeout: o.headerTimeout, requestTimeout: 0, keepAliveTimeout: o.keepAliveTimeout, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(o.headerTimeout / 4))) },
    (req, res) => {
      if ((req.socket as Socket & { refused?: boolean }).refused) return;
      void handle(req, res);
    },
  );
  // A connection with nothing sent either way for twice the request timeout is closed: a client
  // that stops reading its answer does not hold a connection for ever.
  http.setTimeout(2 * o.timeout);
  let connections = 0;
  http.on('connection', (socket: Socket & { refused?: boolean }) => {
    socket.on('error', () => {});
    if (connections >= o.maxConnections) {
      // Refused with an answer: whatever the client sends is read and dropped, then the socket closes.
      socket.refused = true;
      rawReply(socket, 503, 'Service Unavailable', makeIssue('server_busy', { what: 'connections', limit: o.maxConnections }));
      setTimeout(() => socket.destroy(), 2000).unref();
      return;
    }
    connections++;
    socket.once('close', () => connections--);
  });
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Socket & { refused?: boolean }) => {
    if (socket.refused) return;
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') rawReply(socket, 408, 'Request Timeout', makeIssue('request_timeout', { limit: o.headerTimeout, phase: 'headers' }));
    else if (err.code === 'ECONNRESET' || !socket.writable) socket.destroy();
    else if (err.code === 'HPE_HEADER_OVERFLOW') rawReply(socket, 431, 'Request Header Fields Too Large', makeIssue('request_invalid', { detail: '请求头过大', detailEn: 'the request headers are too large' }));
    else rawReply(socket, 400, 'Bad Request', makeIssue('request_invalid', { detail: `不是有效的 HTTP 请求（${err.code ?? 'unknown'}）`, detailEn: `not a valid HTTP request (${err.code ?? 'unknown'})` }));
  });

  let closed: Promise<void> | undefined;
  return {
    http,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          const a = http.address() as AddressInfo;
          const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          resolve({ host: a.address, port: a.port, url: `http://${shown}:${a.port}` });
        });
      });
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        http.close(() => resolve());
        http.closeIdleConnections();
        // After the grace period, batch streams end at a whole line; what still hangs is cut.
        setTimeout(() => {
          releaseForced();
          setTimeout(() => http.closeAllConnections(), 1000).unref();
        }, o.shutdownGrace).unref();
      }).then(() => o.scorer?.close());
      return closed;
    },
  };
}
