/**
 * The small pieces of HTTP the service needs on top of `node:http`: JSON replies in the library's
 * `{ success, issues }` shape, a request body read within a size limit, and the raw replies a
 * socket gets before (or instead of) a request: the connection limit, a header timeout, a request
 * that is not HTTP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Issue, IssueCode } from '../index.js';
import { makeIssue } from '../issues/issue.js';

/** The HTTP status of a failed request, by the code of its first issue: what a client retries on and what it fixes. */
export function statusOf(code: IssueCode): number {
  switch (code) {
    case 'body_too_large':
      return 413;
    case 'request_timeout':
      return 408;
    case 'server_busy':
    case 'server_closing':
      return 503;
    case 'unauthorized':
      return 401;
    case 'route_not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'dependency_missing':
      return 501;
    case 'request_invalid':
      return 400;
    default:
      return 422;
  }
}

/** Write a JSON reply (once: a reply already under way is left alone); `pretty`: indented by two spaces, for people. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, pretty = false): void {
  if (res.headersSent || res.writableEnded) return;
  const text = `${pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The failure reply `{ success: false, issues }`, its status from the first issue (or `status`). */
export function sendIssues(res: ServerResponse, issues: readonly Issue[], status = statusOf(issues[0]!.code), headers: Record<string, string> = {}): void {
  sendJson(res, status, { success: false, issues }, headers);
}

/** A raw HTTP/1.1 reply written to a socket that has no request object (refused, timed out, unreadable), then closed. */
export function rawReply(socket: Socket, status: number, reason: string, issue: Issue): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${JSON.stringify({ success: false, issues: [issue] })}\n`;
  const head = [`HTTP/1.1 ${status} ${reason}`, 'content-type: application/json; charset=utf-8', `content-length: ${Buffer.byteLength(body)}`, 'connection: close', ...(status === 503 ? ['retry-after: 1'] : [])].join('\r\n');
  socket.end(`${head}\r\n\r\n${body}`);
}

/** The body of a request, whole, or the issue that it is over `limit` bytes (the rest is not kept). */
export function readBody(req: IncomingMessage, limit: number): Promise<{ ok: true; bytes: Buffer } | { ok: false; issue: Issue }> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limit) {
      // Refused before a byte is read.
      resolve({ ok: false, issue: makeIssue('body_too_large', { size: Number(declared), limit }) });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (over) return;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve({ ok: false, issue: makeIssue('body_too_large', { size: `>${limit}`, limit }) });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve({ ok: true, bytes: Buffer.concat(chunks, size) });
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete && !over) reject(new Error('aborted'));
    });
  });
}

/** A query parameter that is a flag: present as `true`, `1` or empty. */
export function queryFlag(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  return v !== null && (v === '' || v === 'true' || v === '1');
}
