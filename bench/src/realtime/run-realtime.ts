/**
 * Realtime benchmark (issue 4): WebSocket connections held by ONE instance, per engine.
 *   1. connect agent sockets up to each level (default 1,000 then 10,000), each subscribed
 *      to the same ticket topic, and record the server's memory per connection;
 *   2. fan-out of an ephemeral message (an agent's `typing`, through publish(): in-process
 *      on PGlite, NOTIFY round trip on PostgreSQL) to every subscribed socket;
 *   3. fan-out of a ticket event (a REST-added note: commit → trigger NOTIFY → listener
 *      loads the event → every socket), timed from the REST call;
 *   4. messenger-like round trip: a public reply to one conversation (REST) until the one
 *      socket following `conversation:<id>` has it, while all the others are held;
 *   5. request/response round trip (`ping` → `pong`) on one socket while all are connected.
 * The server runs in a child process (server.ts); the clients run here, in one process, so
 * client-side parsing is part of every latency (it is a loop over thousands of frames).
 * Environment:
 *   BENCH_ENGINES           pglite,postgres (default: both, postgres only with the URL)
 *   BENCH_DATABASE_URL      an empty PostgreSQL database (unset: PGlite only)
 *   BENCH_REALTIME_LEVELS   connection counts (1000,10000)
 *   BENCH_REALTIME_ROUNDS   fan-out rounds per level and kind (30)
 * Prints progress to stderr and one JSON document per engine to stdout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { machineFacts } from '../machine.ts';
import type { EngineName } from '../options.ts';
import { summarize } from '../stats.ts';

const env = process.env;
const log = (message: string) =>
  console.error(`[realtime ${new Date().toISOString().slice(11, 19)}] ${message}`);
const levels = (env.BENCH_REALTIME_LEVELS || '1000,10000').split(',').map(Number);
const rounds = Number(env.BENCH_REALTIME_ROUNDS || 30);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type ServerInfo = {
  url: string;
  token: string;
  workspaceId: string;
  ticketId: string;
  conversationId: string;
  version: string;
};
type Server = {
  info: ServerInfo;
  child: ChildProcess;
  memory(): Promise<{ rss: number; heapUsed: number; external: number; arrayBuffers: number }>;
  /** Durations of the hub's fan-out loop since the last call (ms). */
  loops(): Promise<number[]>;
  stop(): Promise<void>;
};

function openFilesLimit(pid: number | 'self'): number {
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
  const match = /Max open files\s+(\d+|unlimited)/.exec(limits);
  return match?.[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match?.[1] ?? 1024);
}

async function startServer(engine: EngineName): Promise<Server> {
  const child = spawn(process.execPath, ['--expose-gc', join(import.meta.dirname, 'server.ts'), engine], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...env },
  });
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  let exitError: Error | null = null;
  const failures: ((error: Error) => void)[] = [];
  child.once('exit', (code) => {
    exitError = new Error(`benchmark server exited (${code})`);
    for (const fail of failures.splice(0)) fail(exitError);
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const line = lines.shift();
      if (line !== undefined) return resolve(line);
      if (exitError) return reject(exitError);
      waiters.push(resolve);
      failures.push(reject);
    });
  const info = JSON.parse(await nextLine()) as ServerInfo;
  return {
    info,
    child,
    memory: async () => {
      child.stdin?.write('mem\n');
      return (JSON.parse(await nextLine()) as { memory: Awaited<ReturnType<Server['memory']>> }).memory;
    },
    loops: async () => {
      child.stdin?.write('loops\n');
      return (JSON.parse(await nextLine()) as { loops: number[] }).loops;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.write('quit\n');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

type Client = { socket: WebSocket; onText: ((text: string) => void) | null };

function connectOne(info: ServerInfo): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${info.url.replace('http', 'ws')}/api/v1/realtime`, {
      headers: { authorization: `Bearer ${info.token}` },
      perMessageDeflate: false,
    });
    const client: Client = { socket, onText: null };
    let subscribed = false;
    socket.on('message', (data) => {
      const text = data.toString();
      if (!subscribed) {
        if (text.includes('"type":"hello"')) {
          socket.send(JSON.stringify({ type: 'subscribe', topics: [`ticket:${info.ticketId}`] }));
        } else if (text.includes('"type":"subscribed"')) {
          subscribed = true;
          resolve(client);
        } else if (text.includes('"type":"error"')) reject(new Error(text));
        return;
      }
      client.onText?.(text);
    });
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode} on the upgrade`)),
    );
  });
}

async function connectMany(info: ServerInfo, count: number, into: Client[]): Promise<number> {
  const started = performance.now();
  const batch = 250;
  for (let i = 0; i < count; i += batch) {
    const size = Math.min(batch, count - i);
    into.push(...(await Promise.all(Array.from({ length: size }, () => connectOne(info)))));
  }
  return performance.now() - started;
}

/** One fan-out round: `trigger` starts it; resolves with each socket's delivery latency. */
async function fanOutRound(
  clients: Client[],
  marker: string,
  trigger: () => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  let started = 0;
  const done = new Promise<void>((resolve, reject) => {
    const guard = setTimeout(
      () => reject(new Error(`fan-out incomplete: ${latencies.length}/${clients.length}`)),
      60_000,
    );
    for (const client of clients) {
      client.onText = (text) => {
        if (!text.includes(marker)) return;
        client.onText = null;
        latencies.push(performance.now() - started);
        if (latencies.length === clients.length) {
          clearTimeout(guard);
          resolve();
        }
      };
    }
  });
  started = performance.now();
  await trigger();
  await done;
  return latencies;
}

function summaryOf(samples: number[]) {
  const s = summarize([...samples].sort((a, b) => a - b));
  return s;
}

async function benchEngine(engine: EngineName) {
  const server = await startServer(engine);
  const { info } = server;
  const limits = {
    bench: openFilesLimit('self'),
    server: server.child.pid ? openFilesLimit(server.child.pid) : 0,
  };
  log(
    `${engine}: server up (${info.version.split(' ').slice(0, 2).join(' ')}); open-file limits ${JSON.stringify(limits)}`,
  );
  const clients: Client[] = [];
  const results = [];
  try {
    const baseline = await server.memory();
    const publisher = await connectOne(info);
    await new Promise<void>((resolve) => {
      publisher.onText = (text) => {
        if (!text.includes('"type":"subscribed"')) return;
        publisher.onText = null;
        resolve();
      };
      publisher.socket.send(
        JSON.stringify({ type: 'subscribe', topics: [`conversation:${info.conversationId}`] }),
      );
    });
    for (const level of levels) {
      const wanted = level - clients.length;
      const headroom = Math.min(limits.bench, limits.server) - 200;
      if (level > headroom) {
        log(`${engine}: ${level} connections exceed the open-file limit (${headroom} usable): skipped`);
        results.push({ connections: level, skipped: `ulimit -n allows ${headroom + 200}` });
        continue;
      }
      log(`${engine}: connecting ${wanted} more sockets (to ${level})`);
      const connectMs = await connectMany(info, wanted, clients);
      await sleep(1000);
      const memory = await server.memory();
      const perConnection = {
        rssBytes: Math.round((memory.rss - baseline.rss) / clients.length),
        heapBytes: Math.round((memory.heapUsed - baseline.heapUsed) / clients.length),
      };
      log(
        `${engine}: ${level} connected in ${(connectMs / 1000).toFixed(1)} s; ${JSON.stringify(perConnection)}/conn`,
      );

      await server.loops();
      const typing: number[] = [];
      const typingLast: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const latencies = await fanOutRound(clients, '"type":"typing"', async () =>
          publisher.socket.send(JSON.stringify({ type: 'typing', ticketId: info.ticketId })),
        );
        typing.push(...latencies);
        typingLast.push(Math.max(...latencies));
        await sleep(100); // stay under the per-socket message budget (20/s)
      }
      log(
        `${engine}: typing fan-out p50/p99 ${summaryOf(typing).p50.toFixed(1)}/${summaryOf(typing).p99.toFixed(1)} ms`,
      );

      const typingLoops = await server.loops();
      const events: number[] = [];
      const eventsLast: number[] = [];
      const writes: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const marker = `bench-note-${level}-${r}`;
        const latencies = await fanOutRound(clients, marker, async () => {
          const started = performance.now();
          const response = await fetch(`${info.url}/api/v1/tickets/${info.ticketId}/messages`, {
            method: 'POST',
            headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ bodyText: marker, visibility: 'internal' }),
          });
          if (response.status !== 201)
            throw new Error(`note: HTTP ${response.status} ${await response.text()}`);
          writes.push(performance.now() - started);
        });
        events.push(...latencies);
        eventsLast.push(Math.max(...latencies));
      }
      log(
        `${engine}: event fan-out p50/p99 ${summaryOf(events).p50.toFixed(1)}/${summaryOf(events).p99.toFixed(1)} ms`,
      );

      const eventLoops = await server.loops();

      // Messenger-like traffic: a public reply to ONE conversation, to the one socket that
      // follows it, while all the others are held (timed from the REST call to delivery).
      const conversation: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const marker = `bench-reply-${level}-${r}`;
        const [latency] = await fanOutRound([publisher], marker, () =>
          fetch(`${info.url}/api/v1/tickets/${info.conversationId}/messages`, {
            method: 'POST',
            headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ bodyText: marker }),
          }).then((response) => response.text()),
        );
        conversation.push(latency ?? Number.NaN);
      }
      log(
        `${engine}: conversation round trip p50/p99 ${summaryOf(conversation).p50.toFixed(1)}/${summaryOf(conversation).p99.toFixed(1)} ms`,
      );
      const pings: number[] = [];
      for (let r = 0; r < 100; r++) {
        const started = performance.now();
        await new Promise<void>((resolve) => {
          publisher.onText = (text) => {
            if (!text.includes('"type":"pong"')) return;
            publisher.onText = null;
            resolve();
          };
          publisher.socket.send('{"type":"ping"}');
        });
        pings.push(performance.now() - started);
        if (r % 10 === 9) await sleep(600);
      }
      results.push({
        connections: level,
        connectSeconds: Math.round(connectMs / 100) / 10,
        serverMemory: {
          rssMiB: Math.round(memory.rss / 2 ** 20),
          heapMiB: Math.round(memory.heapUsed / 2 ** 20),
        },
        perConnection,
        typingFanOut: {
          perDelivery: summaryOf(typing),
          lastDeliveryPerRound: summaryOf(typingLast),
          serverLoop: summaryOf(typingLoops),
        },
        eventFanOut: {
          perDelivery: summaryOf(events),
          lastDeliveryPerRound: summaryOf(eventsLast),
          restWriteOnly: summaryOf(writes),
          serverLoop: summaryOf(eventLoops),
        },
        conversationRoundTrip: summaryOf(conversation),
        pingRoundTrip: summaryOf(pings),
      });
    }
    return {
      engine,
      version: info.version,
      openFileLimits: limits,
      baselineRssMiB: Math.round(baseline.rss / 2 ** 20),
      results,
    };
  } finally {
    for (const client of clients) client.socket.terminate();
    await sleep(500);
    await server.stop();
  }
}

async function main() {
  const hasPostgres = !!env.BENCH_DATABASE_URL;
  const engines = (env.BENCH_ENGINES ?? 'postgres,pglite')
    .split(',')
    .filter((e): e is EngineName => e === 'pglite' || (e === 'postgres' && hasPostgres));
  console.log(JSON.stringify({ machine: machineFacts(), levels, rounds }, null, 2));
  for (const engine of engines) console.log(JSON.stringify(await benchEngine(engine), null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
