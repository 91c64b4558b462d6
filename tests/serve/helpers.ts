import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createJixiaoServer, type JixiaoServer, type ServeOptions } from '../../src/serve/server.js';

/** A server on a free loopback port, and the lines it logged. */
export async function start(options: Partial<ServeOptions> = {}): Promise<{ server: JixiaoServer; port: number; url: string; logs: string[] }> {
  const logs: string[] = [];
  const server = createJixiaoServer({ log: (l) => logs.push(l), ...options });
  const a = await server.listen(0);
  return { server, port: a.port, url: a.url, logs };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
  text: string;
  json: any;
}

/** One request, its whole answer. */
export function call(port: number, method: string, path: string, body?: string | Uint8Array, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, bytes, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A raw connection, with everything it received and when it closed. */
export function raw(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (got += d));
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, received: () => got, closed }));
    socket.once('error', reject);
  });
}

/** The body of a raw HTTP/1.1 answer with chunked encoding, de-chunked (what arrived so far). */
export function dechunk(answer: string): { head: string; body: string } {
  const at = answer.indexOf('\r\n\r\n');
  if (at < 0) return { head: answer, body: '' };
  const head = answer.slice(0, at);
  if (!/transfer-encoding: chunked/i.test(head)) return { head, body: answer.slice(at + 4) };
  let rest = Buffer.from(answer.slice(at + 4), 'utf8');
  const parts: Buffer[] = [];
  for (;;) {
    const nl = rest.indexOf('\r\n');
    if (nl < 0) break;
    const size = parseInt(rest.subarray(0, nl).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0 || rest.length < nl + 2 + size) break;
    parts.push(rest.subarray(nl + 2, nl + 2 + size));
    rest = rest.subarray(nl + 4 + size);
  }
  return { head, body: Buffer.concat(parts).toString('utf8') };
}

/** Wait until `check` holds (polling), or fail after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'a condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
