import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../kernel/env.js';
import { createLimitedServer, HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, MAX_HEADERS_COUNT } from './connection-limits.js';

const servers: Server[] = [];
const sockets: Socket[] = [];

async function start(env: Record<string, string>): Promise<{ server: Server; port: number }> {
  const server = createLimitedServer(readEnv({ LOG_LEVEL: 'silent', ...env }))({}, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
    sockets.push(s);
  });
}

/** Sends one GET on a socket and returns the raw answer's head. */
function ask(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (d) => {
      data += d.toString('latin1');
      if (data.includes('\r\n\r\n')) resolve(data);
    });
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
  });
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

describe('the HTTP server’s limits', () => {
  it('sets timeouts for headers, whole requests and idle keep-alive, and caps the header count', async () => {
    const { server } = await start({ HTTP_REQUEST_TIMEOUT_MS: '123000' });
    expect(server.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
    expect(server.requestTimeout).toBe(123000);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(server.maxHeadersCount).toBe(MAX_HEADERS_COUNT);
  });

  it('starts with a request timeout shorter than the headers timeout', async () => {
    const { server } = await start({ HTTP_REQUEST_TIMEOUT_MS: '1000' });
    expect(server.headersTimeout).toBe(1000);
  });

  it('answers 429 with Retry-After on connections past MAX_CONNECTIONS_PER_CLIENT, and takes new ones once others close', async () => {
    const { port } = await start({ MAX_CONNECTIONS_PER_CLIENT: '2' });
    const first = await open(port);
    const second = await open(port);
    expect(await ask(first)).toMatch(/^HTTP\/1\.1 200/);
    const third = await open(port);
    const refused = await ask(third);
    expect(refused).toMatch(/^HTTP\/1\.1 429/);
    expect(refused).toMatch(/\r\nretry-after: \d+\r\n/i);
    expect(refused).toMatch(/\r\nconnection: close\r\n/i);
    expect(await ask(second)).toMatch(/^HTTP\/1\.1 200/);
    first.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(await ask(await open(port))).toMatch(/^HTTP\/1\.1 200/);
  });

  it('leaves the cap to the proxy when the peer is one (TRUST_PROXY)', async () => {
    const { port } = await start({ MAX_CONNECTIONS_PER_CLIENT: '1', TRUST_PROXY: 'true' });
    await open(port);
    expect(await ask(await open(port))).toMatch(/^HTTP\/1\.1 200/);
  });
});
