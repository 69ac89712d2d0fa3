/**
 * The server side of the realtime benchmark, in a process of its own (so that 10,000 client
 * sockets and 10,000 server sockets do not share one descriptor table or one heap): starts
 * Switchboard like `switchboard start` on the engine named in argv, creates one ticket, and
 * prints one JSON line with what the client needs. Commands on stdin: `mem` (collect
 * garbage, print memory usage), `quit`.
 */
import { performance } from 'node:perf_hooks';
import { startEngine } from '../engine.ts';
import type { EngineName } from '../options.ts';

const name = (process.argv[2] ?? 'pglite') as EngineName;
const engine = await startEngine(name, process.env.BENCH_DATABASE_URL || null);
const createTicket = async (subject: string, channel: string) => {
  const response = await fetch(`${engine.baseUrl}/api/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${engine.workspace.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      subject,
      channel,
      requester: { email: 'bench@example.kr', name: '벤치' },
      message: { bodyText: 'Fan-out target.' },
    }),
  });
  return (await response.json()) as { id: string };
};
const ticket = await createTicket('실시간 벤치마크', 'api');
const conversation = await createTicket('채팅 상담', 'chat');
const print = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);
print({
  ready: true,
  url: engine.baseUrl,
  token: engine.workspace.token,
  workspaceId: engine.workspace.id,
  ticketId: ticket.id,
  conversationId: conversation.id,
  version: engine.version,
});

// The hub's fan-out loop, timed from inside: a listener subscribed before the hub runs just
// before its loop, one subscribed after the sockets (at the first `loops`) runs just after.
const bus = engine.running.deps.realtime;
const topic = `ticket:${ticket.id}`;
let loopStart = 0;
let timing = false;
const loops: number[] = [];
bus?.subscribe(topic, () => {
  loopStart = performance.now();
});

const gc = (globalThis as { gc?: () => void }).gc;
let buffer = '';
process.stdin.on('data', async (chunk: Buffer) => {
  buffer += chunk.toString();
  let newline = buffer.indexOf('\n');
  while (newline >= 0) {
    const command = buffer.slice(0, newline).trim();
    buffer = buffer.slice(newline + 1);
    newline = buffer.indexOf('\n');
    if (command === 'mem') {
      gc?.();
      gc?.();
      print({ memory: process.memoryUsage() });
    } else if (command === 'loops') {
      if (!timing && bus) {
        timing = true;
        bus.subscribe(topic, () => loops.push(performance.now() - loopStart));
      }
      print({ loops: loops.splice(0) });
    } else if (command === 'quit') {
      await engine.close();
      process.exit(0);
    }
  }
});
