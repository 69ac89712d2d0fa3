/**
 * The hub's protections that need small limits to show: a socket that stops answering
 * pings is terminated, and a socket that stops reading is dropped once its send buffer
 * passes the limit. A real ws server (Fastify + @fastify/websocket) and real ws clients on
 * loopback; the hub runs on the test database and the real bus.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { createHub, type Hub } from '../src/modules/realtime/hub.ts';
import { systemActor } from '../src/platform/actor.ts';
import { connectRealtime } from './support/realtime-client.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let server: FastifyInstance;
let hub: Hub;
let url = '';

before(async () => {
  t = await createTestContext({}, { realtime: true });
  const bus = t.deps.realtime;
  assert.ok(bus);
  hub = createHub({
    db: t.deps.db,
    bus,
    clock: t.deps.clock,
    ids: t.deps.ids,
    limits: { heartbeatMs: 200, maxBufferedBytes: 256 * 1024 },
  });
  server = Fastify();
  await server.register(fastifyWebsocket);
  server.get('/ws', { websocket: true }, (socket) => {
    hub.accept(socket, { ...systemActor(t.ws.id), userId: t.ws.agent.id }, 'Mina');
  });
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  url = `${address.replace('http', 'ws')}/ws`;
});

after(async () => {
  await hub?.close();
  await server?.close();
  await t?.close();
});

test('a socket that answers pings stays; one that does not is terminated', async () => {
  const healthy = await connectRealtime(url);
  const silent = new WebSocket(url, { autoPong: false });
  const silentClosed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
  let pings = 0;
  silent.on('ping', () => {
    pings++;
  });
  const code = await silentClosed;
  assert.equal(code, 1006, 'terminated without a close frame');
  assert.ok(pings >= 1);
  assert.equal(healthy.socket.readyState, WebSocket.OPEN, 'the answering socket is still open');
  await healthy.close();
});

test('a socket that stops reading is dropped when its buffer passes the limit', async () => {
  const ticket = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
    subject: 'Backpressure',
    requester: { email: 'slow@example.kr' },
    message: { bodyText: 'x' },
  });
  assert.equal(ticket.statusCode, 201, ticket.body);
  const topic = `ticket:${ticket.json().id}`;
  const slow = await connectRealtime(url);
  const reader = await connectRealtime(url);
  for (const client of [slow, reader]) {
    client.send({ type: 'subscribe', topics: [topic] });
    await client.next((m) => m.type === 'subscribed');
  }
  // The slow client stops reading from its TCP socket: its frames pile up on the server.
  (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
  const bus = t.deps.realtime;
  assert.ok(bus);
  const blob = 'x'.repeat(6 * 1024);
  let sent = 0;
  const hubConnections = () => hub.connectionCount();
  while (hubConnections() === 2 && sent < 20_000) {
    await bus.publish(topic, { type: 'bulk', n: sent, blob });
    sent++;
    // Let the reader (in this process) keep up: only the paused socket should fall behind.
    if (sent % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  assert.equal(hubConnections(), 1, `the slow socket was dropped after ${sent} messages`);
  assert.equal(reader.socket.readyState, WebSocket.OPEN);
  await reader.close();
  slow.socket.terminate();
});
