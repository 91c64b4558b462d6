import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { call, dechunk, raw, start, until } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const yunxi = JSON.stringify(JSON.parse(readFileSync(`${root}/examples/yunxi-2021/input.json`, 'utf8')));
const records = readFileSync(`${root}/examples/batch/records.ndjson`, 'utf8').trimEnd().split('\n');

/** A chunk of a chunked request body. */
const chunk = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;
const batchHead = 'POST /v1/batch?rubric=hunan-department HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n';
/** The status line and JSON body of a raw answer. */
const answer = (s: string) => ({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(s)?.[1]), json: JSON.parse(s.slice(s.indexOf('\r\n\r\n') + 4)) });

describe('faults: the server answers or refuses, never hangs, and keeps serving', () => {
  it('a client that goes away mid-stream: its request slot is freed, the next request is served', async () => {
    const s = await start({ maxRequests: 1 });
    try {
      const c = await raw(s.port);
      c.socket.write(batchHead + chunk(`${records[0]}\n${records[1]}\n`));
      await until(() => dechunk(c.received()).body.split('\n').length === 3, 5000, 'two lines');
      expect(JSON.parse(dechunk(c.received()).body.split('\n')[0]!)).toMatchObject({ id: 'YX-2021-01', total: '99' });
      c.socket.destroy();
      // With one request at a time, this is served only once the abandoned stream has let go.
      await until(() => s.logs.some((l) => l.includes('/v1/batch')), 5000, 'the batch to end');
      expect(JSON.parse(s.logs.find((l) => l.includes('/v1/batch'))!)).toMatchObject({ aborted: true });
      expect((await call(s.port, 'GET', '/v1/rubrics')).status).toBe(200);
    } finally {
      await s.server.close();
    }
  });

  it('a client that sends a batch and never reads the answer: the stream is dropped after the timeout, its slot freed', async () => {
    const s = await start({ maxRequests: 1, timeout: 300 });
    try {
      const c = await raw(s.port);
      // Not read: what the server writes piles up until the connection's buffers are full.
      c.socket.pause();
      const lines = `${Array.from({ length: 2000 }, () => records[0]).join('\n')}\n`;
      c.socket.write(batchHead.replace('hunan-department', 'hunan-department&full=true') + chunk(lines) + '0\r\n\r\n');
      await until(() => s.logs.some((l) => l.includes('/v1/batch')), 10_000, 'the stream to be dropped');
      expect(JSON.parse(s.logs.find((l) => l.includes('/v1/batch'))!)).toMatchObject({ status: 200, aborted: true });
      expect((await call(s.port, 'GET', '/v1/rubrics')).status).toBe(200);
      c.socket.destroy();
    } finally {
      await s.server.close();
    }
  });

  it('a slow client sending its headers a byte at a time: 408 request_timeout after the header timeout, closed; others are served meanwhile', async () => {
    const s = await start({ headerTimeout: 300 });
    try {
      const c = await raw(s.port);
      const text = 'GET /v1/rubrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'x'.repeat(60);
      let k = 0;
      const drip = setInterval(() => {
        if (k < text.length && !c.socket.destroyed) c.socket.write(text[k++]!);
      }, 20);
      const started = Date.now();
      expect((await call(s.port, 'GET', '/healthz')).status).toBe(200);
      await c.closed;
      clearInterval(drip);
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(3000);
      const a = answer(c.received());
      expect(a.status).toBe(408);
      expect(a.json.issues[0]).toMatchObject({ code: 'request_timeout', params: { limit: 300, phase: 'headers' } });
      expect((await call(s.port, 'GET', '/v1/rubrics')).status).toBe(200);
    } finally {
      await s.server.close();
    }
  });

  it('a body that stops coming: 408 request_timeout after the request timeout, closed', async () => {
    const s = await start({ timeout: 300 });
    try {
      const c = await raw(s.port);
      c.socket.write('POST /v1/score?rubric=hunan-department HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{"values":');
      await c.closed;
      const a = answer(c.received());
      expect([a.status, a.json.issues[0].code, a.json.issues[0].params.phase]).toStrictEqual([408, 'request_timeout', 'request']);
    } finally {
      await s.server.close();
    }
  });

  it('what is not HTTP: 400 request_invalid; the server goes on', async () => {
    const s = await start();
    try {
      const c = await raw(s.port);
      c.socket.write('HELLO THERE\r\n\r\n');
      await c.closed;
      const a = answer(c.received());
      expect([a.status, a.json.issues[0].code]).toStrictEqual([400, 'request_invalid']);
      expect((await call(s.port, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await s.server.close();
    }
  });

  it('an oversized body: 413 body_too_large with the limit, declared (refused unread) or streamed (cut at the limit)', async () => {
    const s = await start({ maxBody: 1000 });
    try {
      const big = `{"rubric": "hunan-department", "input": ${JSON.stringify({ meta: { x: 'y'.repeat(2000) } })}}`;
      const declared = await call(s.port, 'POST', '/v1/score', big);
      expect(declared.status).toBe(413);
      expect(declared.json.issues[0]).toMatchObject({ code: 'body_too_large', params: { size: Buffer.byteLength(big), limit: 1000 } });
      expect(declared.headers.connection).toBe('close');
      const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: s.port, method: 'POST', path: '/v1/score', agent: false }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        // No content-length: the body comes in chunks.
        req.write(big.slice(0, 600));
        setTimeout(() => req.end(big.slice(600)), 20);
      });
      expect(streamed.status).toBe(413);
      expect(JSON.parse(streamed.body).issues[0]).toMatchObject({ code: 'body_too_large', params: { size: '>1000', limit: 1000 } });
      expect((await call(s.port, 'GET', '/v1/rubrics')).status).toBe(200);
    } finally {
      await s.server.close();
    }
  });

  it('1,000 connections at once: 100 taken, 900 refused with 503 server_busy; of the 100, 16 scored and 84 refused while 16 are in flight; it goes on serving', async () => {
    const s = await start({ maxConnections: 100, maxRequests: 16 });
    let open = 0;
    let most = 0;
    s.server.http.on('connection', (socket: Socket & { refused?: boolean }) => {
      if (socket.refused) return;
      most = Math.max(most, ++open);
      socket.once('close', () => open--);
    });
    const heap = process.memoryUsage().heapUsed;
    try {
      // Every connection is open before any request is sent, and every request's headers are in
      // before any body: the limits meet 1,000 connections and 100 requests at once.
      const clients = await Promise.all(Array.from({ length: 1000 }, () => raw(s.port)));
      await until(() => open + clients.filter((c) => c.received() !== '').length === 1000, 10_000, 'every connection taken or refused');
      const head = `POST /v1/score?rubric=hunan-department&totals=true HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(yunxi)}\r\nConnection: close\r\n\r\n`;
      for (const c of clients) if (!c.socket.destroyed) c.socket.write(head);
      await new Promise((r) => setTimeout(r, 200));
      for (const c of clients) if (!c.socket.destroyed) c.socket.write(yunxi);
      const answers = await Promise.all(clients.map(async (c) => (await c.closed, c.received())));
      const codes = answers.map((a) => {
        const j = answer(a);
        if (j.status === 200) {
          expect([j.json.value.total, j.json.value.grade]).toStrictEqual(['99', '优秀']);
          return 'scored';
        }
        expect([j.status, j.json.issues[0].code]).toStrictEqual([503, 'server_busy']);
        return j.json.issues[0].params.what as string;
      });
      const count = (k: string) => codes.filter((c) => c === k).length;
      if (process.env.SERVE_FIGURES) console.log({ scored: count('scored'), requests: count('requests'), connections: count('connections'), most, heapMB: (process.memoryUsage().heapUsed - heap) >> 20 });
      expect([count('scored'), count('requests'), count('connections')]).toStrictEqual([16, 84, 900]);
      expect(most).toBe(100);
      expect(process.memoryUsage().heapUsed - heap).toBeLessThan(200 * 1024 * 1024);
      await until(() => open === 0, 5000, 'the connections to close');
      expect((await call(s.port, 'POST', '/v1/score?rubric=hunan-department', yunxi)).json.value.grade).toBe('优秀');
    } finally {
      await s.server.close();
    }
  }, 30_000);
});
