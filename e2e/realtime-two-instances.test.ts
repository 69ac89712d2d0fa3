/**
 * Cross-instance realtime: two real `switchboard start` processes on one PostgreSQL. A
 * socket on instance B sees a ticket created through instance A's REST API (the events
 * trigger's NOTIFY reaches B's LISTEN session), and presence set on A reaches B, both as a
 * live message and in the list a newcomer on B receives. Runs on the PostgreSQL pass only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  connectRealtime,
  type RealtimeClient,
  type Received,
} from '../packages/server/test/support/realtime-client.ts';
import {
  createScratchDatabase,
  type Instance,
  runCli,
  type ScratchDatabase,
  startInstance,
} from './support/instances.ts';

const serverUrl = process.env.TEST_DATABASE_URL;
const skip = !serverUrl
  ? 'two-instance realtime e2e SKIPPED: set TEST_DATABASE_URL (PostgreSQL 15+) to run it'
  : process.env.SWITCHBOARD_TEST_ENGINE === 'pglite'
    ? 'two-instance realtime e2e runs on the PostgreSQL pass'
    : false;

describe('realtime across two instances', { skip, timeout: 180_000 }, () => {
  let scratch: ScratchDatabase;
  let instances: Instance[] = [];
  let token = '';
  let cliDataDir = '';
  const clients: RealtimeClient[] = [];

  before(async () => {
    scratch = await createScratchDatabase(serverUrl ?? '', 'sb_e2e_rt');
    cliDataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-cli-'));
    const env = { DATABASE_URL: scratch.url, SWITCHBOARD_DATA_DIR: cliDataDir };
    runCli(
      [
        'admin',
        'create',
        '--email',
        'lead@e2e.test',
        '--name',
        'Lead Lee',
        '--password',
        'a-long-password-1',
      ],
      env,
    );
    token = runCli(['token', 'create', '--email', 'lead@e2e.test'], env).trim();
    for (const name of ['a', 'b']) instances.push(await startInstance(name, { DATABASE_URL: scratch.url }));
  });

  after(async () => {
    for (const client of clients) client.socket.terminate();
    await Promise.all(instances.map((instance) => instance.stop()));
    await scratch?.drop();
    if (cliDataDir) rmSync(cliDataDir, { recursive: true, force: true });
  });

  const [a, b] = [0, 1];
  async function connect(index: number): Promise<{ client: RealtimeClient; hello: Received }> {
    const instance = instances[index]!;
    const client = await connectRealtime(`${instance.url.replace('http', 'ws')}/api/v1/realtime`, {
      authorization: `Bearer ${token}`,
    });
    clients.push(client);
    return { client, hello: await client.next((m) => m.type === 'hello', `hello from ${instance.name}`) };
  }
  async function subscribe(client: RealtimeClient, topics: string[]) {
    client.send({ type: 'subscribe', topics });
    const reply = await client.next((m) => m.type === 'subscribed' || m.type === 'error');
    assert.equal(reply.type, 'subscribed', JSON.stringify(reply));
  }
  async function createTicket(index: number, subject: string): Promise<{ id: string; number: number }> {
    const instance = instances[index]!;
    const response = await fetch(`${instance.url}/api/v1/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        subject,
        requester: { email: 'visitor@e2e.test', name: '방문자' },
        message: { bodyText: 'Hello from instance A.' },
      }),
    });
    const body = (await response.json()) as { id: string; number: number };
    assert.equal(response.status, 201, `${JSON.stringify(body)}\n${instance.output()}`);
    return body;
  }

  test('a socket on B sees a ticket created through A, with its public message', async () => {
    const { client: onB, hello } = await connect(b);
    await subscribe(onB, [`ws:${hello.workspaceId}`]);
    const ticket = await createTicket(a, 'Created on A');
    const created = await onB.next(
      (m) => m.type === 'ticket.created' && m.ticketId === ticket.id,
      'ticket.created on B',
    );
    assert.equal((created.ticket as Received).number, ticket.number);
    assert.equal((created.ticket as Received).subject, 'Created on A');
    const message = await onB.next(
      (m) => m.type === 'message.added' && m.ticketId === ticket.id,
      'message on B',
    );
    assert.equal((message.message as Received).preview, 'Hello from instance A.');
  });

  test('presence set on A reaches B live and in the list a newcomer on B gets', async () => {
    const ticket = await createTicket(a, 'Presence across instances');
    const { client: watcherOnB } = await connect(b);
    await subscribe(watcherOnB, [`ticket:${ticket.id}`]);
    const { client: onA, hello: helloA } = await connect(a);
    onA.send({ type: 'presence', ticketId: ticket.id, state: 'replying' });
    const live = await watcherOnB.next(
      (m) => m.type === 'presence' && m.state === 'replying',
      'presence on B',
    );
    assert.equal(live.connectionId, helloA.connectionId);
    assert.equal(live.userName, 'Lead Lee');

    const { client: newcomerOnB } = await connect(b);
    await subscribe(newcomerOnB, [`ticket:${ticket.id}`]);
    const list = await newcomerOnB.next((m) => m.type === 'presence.list', 'presence list on B');
    assert.deepEqual(
      (list.entries as Received[]).map((e) => [e.connectionId, e.state]),
      [[helloA.connectionId, 'replying']],
    );

    // Typing on B reaches A; A's socket closing tells B that it left.
    const { client: watcherOnA } = await connect(a);
    await subscribe(watcherOnA, [`ticket:${ticket.id}`]);
    newcomerOnB.send({ type: 'typing', ticketId: ticket.id });
    await watcherOnA.next((m) => m.type === 'typing' && m.ticketId === ticket.id, 'typing on A');
    await onA.close();
    await watcherOnB.next(
      (m) => m.type === 'presence' && m.connectionId === helloA.connectionId && m.state === 'left',
      'left on B',
    );
  });

  test('both instances shut down cleanly', async () => {
    for (const client of clients) client.socket.terminate();
    const codes = await Promise.all(instances.map((instance) => instance.stop()));
    assert.deepEqual(codes, [0, 0], instances.map((i) => i.output()).join('\n---\n'));
    instances = [];
  });
});
