/**
 * The load generator, run as a child process (http-load.ts forks it) so that the server
 * under test keeps its event loop to itself. N workers each keep one keep-alive connection
 * busy with POST /api/v1/tickets, one request at a time (closed loop), for the warm-up and
 * then the measured window. Throughput counts the requests that complete inside the window,
 * latency those that are also sent inside it.
 */
import { Agent, request } from 'node:http';
import { ticketTemplates } from './corpus.ts';

export type LoadJob = {
  baseUrl: string;
  token: string;
  clients: number;
  warmupMs: number;
  durationMs: number;
  /** Makes request contents differ between levels, so returning customers stay a mix. */
  salt: string;
};

/** Sent to the parent when the measured window opens and closes, then the result. */
export type LoadMessage =
  | { type: 'window-start' }
  | { type: 'window-end' }
  | ({ type: 'result' } & LoadResult);

export type LoadResult = {
  /** CPU time this load generator used inside the measured window. */
  cpuMs: number;
  completed: number;
  measuredMs: number;
  latenciesMs: number[];
  errors: number;
  errorSamples: string[];
};

type Reply = { status: number; body: string };

/** mulberry32: a small seeded generator, so every run sends the same sequence of tickets. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}

const channels = ['email', 'email', 'email', 'web', 'web', 'chat', 'api'] as const;
const priorities = ['low', 'normal', 'normal', 'normal', 'normal', 'high', 'urgent'] as const;

function pick<T>(items: readonly T[], r: number): T {
  return items[Math.floor(r * items.length)]!;
}

/** Half the requests come from a worker's 200 returning customers, half from new ones. */
function ticketBody(rand: () => number, worker: number, n: number, salt: string): string {
  const template = pick(ticketTemplates, rand());
  const channel = pick(channels, rand());
  const order = Math.floor(rand() * 1e9);
  const returning = rand() < 0.5;
  const email = returning
    ? `customer-${worker}-${Math.floor(rand() * 200)}@load.example`
    : `new-${salt}-${worker}-${n}@load.example`;
  const orderLine = template.language === 'ko' ? `주문번호: ${order}` : `Order: ${order}`;
  // Mail arrives as HTML (sanitised and converted to text by the server); chat and forms as text.
  const message =
    channel === 'email'
      ? { bodyHtml: `${template.bodyHtml}<p>${orderLine}</p>` }
      : { bodyText: `${template.bodyText}\n${orderLine}` };
  return JSON.stringify({
    subject: template.subject,
    requester: { email, name: email.split('@')[0] },
    message,
    channel,
    priority: pick(priorities, rand()),
    language: template.language,
    tags: template.tags,
  });
}

function post(agent: Agent, url: URL, token: string, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/v1/tickets',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: job.clients });
  const start = performance.now();
  const measureFrom = start + job.warmupMs;
  const endAt = measureFrom + job.durationMs;
  const result: LoadResult = {
    cpuMs: 0,
    completed: 0,
    measuredMs: job.durationMs,
    latenciesMs: [],
    errors: 0,
    errorSamples: [],
  };
  // The window's marks are timers, not checks inside the loop, so they are sent even when
  // the last request finishes a moment before the window closes.
  let cpuAtStart = process.cpuUsage();
  const windowOpened = new Promise<void>((resolve) =>
    setTimeout(() => {
      cpuAtStart = process.cpuUsage();
      process.send?.({ type: 'window-start' } satisfies LoadMessage);
      resolve();
    }, job.warmupMs),
  );
  const windowClosed = new Promise<void>((resolve) =>
    setTimeout(() => {
      const used = process.cpuUsage(cpuAtStart);
      result.cpuMs = (used.user + used.system) / 1000;
      process.send?.({ type: 'window-end' } satisfies LoadMessage);
      resolve();
    }, job.warmupMs + job.durationMs),
  );
  const worker = async (w: number) => {
    const rand = random(w * 7919 + hashOf(job.salt));
    for (let n = 0; performance.now() < endAt; n++) {
      const body = ticketBody(rand, w, n, job.salt);
      const sent = performance.now();
      let failure: string | null = null;
      try {
        const reply = await post(agent, url, job.token, body);
        if (reply.status !== 201) failure = `${reply.status} ${reply.body.slice(0, 300)}`;
      } catch (error) {
        failure = String(error);
      }
      const done = performance.now();
      if (failure !== null) {
        result.errors++;
        if (result.errorSamples.length < 5) result.errorSamples.push(failure);
      } else if (done >= measureFrom && done <= endAt) {
        result.completed++;
        // Latency only of requests sent inside the window: the warm-up's burst of new
        // connections is not the steady state being measured.
        if (sent >= measureFrom) result.latenciesMs.push(done - sent);
      }
    }
  };
  await Promise.all(Array.from({ length: job.clients }, (_, w) => worker(w)));
  await Promise.all([windowOpened, windowClosed]);
  agent.destroy();
  return result;
}

// Run as a forked child: one job in; window marks and one result out.
if (process.send) {
  process.once('message', (job: LoadJob) => {
    runLoad(job).then(
      (result) => process.send?.({ type: 'result', ...result } satisfies LoadMessage, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
