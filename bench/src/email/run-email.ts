/**
 * Inbound email benchmark (issue 4): mail parsed, threaded and stored per second THROUGH
 * SMTP. Per engine, the built-in SMTP server listens on loopback and several nodemailer
 * clients (one SMTP connection each, reused) send a realistic mix: English and Korean
 * (UTF-8, HTML, EUC-KR), a 100 KB PDF on one mail in ten, and replies that thread into
 * tickets made during the warm-up. A message counts once its 250 arrived, and the 250 is
 * only sent after the commit. Afterwards every message is checked to be stored.
 * Environment:
 *   BENCH_DATABASE_URL       empty PostgreSQL database (unset: PGlite only)
 *   BENCH_ENGINES            postgres,pglite (default: both, postgres only with the URL)
 *   BENCH_EMAIL_CLIENTS      comma-separated concurrent SMTP clients per level (1,8,32)
 *   BENCH_EMAILS             messages per level (1000)
 * Prints progress to stderr, a Markdown table and one JSON document per engine to stdout.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { startSmtpServer } from '../../../packages/server/src/modules/email/smtp-server.ts';
import { cpuBetween, snapshotCpu } from '../cpu-usage.ts';
import { type BenchEngine, startEngine } from '../engine.ts';
import { calibrateCpuMs, machineFacts } from '../machine.ts';
import type { EngineName } from '../options.ts';
import { percentile } from '../stats.ts';
import { type BenchMail, buildMix, buildOriginals } from './email-corpus.ts';

const env = process.env;
const log = (message: string) =>
  console.error(`[email ${new Date().toISOString().slice(11, 19)}] ${message}`);
const MAILBOX = 'support@bench.test';
const WARMUP_ORIGINALS = 100;

type LevelResult = {
  clients: number;
  messages: number;
  seconds: number;
  messagesPerS: number;
  megabytesPerS: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  errors: number;
  stored: number;
  threadedReplies: number;
  loadAverageBefore: number;
  loadAverageAfter: number;
  /** CPU of this process (server, PGlite when embedded, and the SMTP clients) per message. */
  processCpuMsPerMessage: number;
  /** CPU of the PostgreSQL backends per message (0 on PGlite, which runs in-process). */
  databaseCpuMsPerMessage: number;
  /** Share of the machine's cores busy during the level, everything included. */
  machineBusyPct: number;
};

async function insertMailbox(engine: BenchEngine): Promise<void> {
  const now = new Date();
  await engine.running.database.db
    .insertInto('mailboxes')
    .values({
      id: engine.running.deps.ids.next(),
      workspace_id: engine.workspace.id,
      address: MAILBOX,
      name: 'Support',
      inbound_secret_hash: 'bench-not-used',
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Sends `mails` over `clients` connections; resolves with per-message latencies. */
async function send(port: number, mails: BenchMail[], clients: number) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  let next = 0;
  const worker = async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
      maxMessages: Number.POSITIVE_INFINITY,
    });
    try {
      for (;;) {
        const i = next++;
        const mail = mails[i];
        if (!mail) return;
        const started = performance.now();
        try {
          await transport.sendMail({ envelope: { from: mail.from, to: [MAILBOX] }, raw: mail.raw });
          latencies.push(performance.now() - started);
        } catch (error) {
          errors += 1;
          firstError ||= String(error);
        }
      }
    } finally {
      transport.close();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies, errors, firstError };
}

async function countStored(engine: BenchEngine, runId: string) {
  const { rows } = await sql<{ stored: number; replies: number }>`
    select count(*) filter (where status = 'stored')::int as stored,
           count(*) filter (where status = 'stored' and reason like 'threaded_by_%')::int as replies
      from inbound_emails
     where workspace_id = ${engine.workspace.id} and message_id_header like ${`%.${runId}@customer.test`}
       and message_id_header like 'm-%'`.execute(engine.running.database.db);
  return rows[0] ?? { stored: 0, replies: 0 };
}

async function benchEngine(name: EngineName, levels: number[], perLevel: number) {
  log(`${name}: starting`);
  const engine = await startEngine(name, env.BENCH_DATABASE_URL || null);
  const config = engine.running.deps.config;
  const smtp = await startSmtpServer(engine.running.deps, {
    port: 0,
    host: '127.0.0.1',
    maxBytes: config.SWITCHBOARD_EMAIL_MAX_BYTES,
    maxClients: 500,
    socketTimeoutMs: 120_000,
  });
  try {
    await insertMailbox(engine);
    const results: LevelResult[] = [];
    for (const clients of levels) {
      const runId = randomBytes(4).toString('hex');
      const originals = await buildOriginals(WARMUP_ORIGINALS, MAILBOX, runId);
      const mix = await buildMix(perLevel, MAILBOX, runId, WARMUP_ORIGINALS);
      const bytes = mix.reduce((sum, m) => sum + m.raw.length, 0);
      log(`${name}: warm-up, ${originals.length} originals`);
      const warm = await send(smtp.port, originals, Math.min(clients, 8));
      if (warm.errors > 0) throw new Error(`warm-up failed: ${warm.firstError}`);
      const loadBefore = loadavg()[0] ?? 0;
      log(`${name}: ${clients} clients, ${mix.length} messages (${(bytes / 2 ** 20).toFixed(1)} MB)`);
      const pids = await engine.backendPids();
      const cpuBefore = snapshotCpu(pids);
      const run = await send(smtp.port, mix, clients);
      const cpu = cpuBetween(cpuBefore, snapshotCpu([...pids, ...(await engine.backendPids())]), 0);
      const loadAfter = loadavg()[0] ?? 0;
      const counted = await countStored(engine, runId);
      const sorted = [...run.latencies].sort((a, b) => a - b);
      const result: LevelResult = {
        clients,
        messages: mix.length,
        seconds: Math.round(run.seconds * 100) / 100,
        messagesPerS: Math.round((run.latencies.length / run.seconds) * 10) / 10,
        megabytesPerS: Math.round((bytes / 2 ** 20 / run.seconds) * 100) / 100,
        latencyMs: {
          p50: round1(percentile(sorted, 50)),
          p90: round1(percentile(sorted, 90)),
          p99: round1(percentile(sorted, 99)),
          max: round1(sorted.at(-1) ?? 0),
        },
        errors: run.errors,
        stored: counted.stored,
        threadedReplies: counted.replies,
        loadAverageBefore: round1(loadBefore),
        loadAverageAfter: round1(loadAfter),
        processCpuMsPerMessage: round1(cpu.serverMs / mix.length),
        databaseCpuMsPerMessage: round1(cpu.databaseMs / mix.length),
        machineBusyPct: Math.round(cpu.machineBusyPct),
      };
      if (run.errors > 0) log(`  first error: ${run.firstError}`);
      log(
        `  ${result.messagesPerS}/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ` +
          `${result.stored}/${mix.length} stored, ${result.threadedReplies} replies threaded, ${run.errors} errors`,
      );
      results.push(result);
    }
    return { engine: name, version: engine.version, results };
  } finally {
    await smtp.close();
    await engine.close();
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function markdown(report: Awaited<ReturnType<typeof benchEngine>>): string {
  const lines = [
    `### ${report.engine}`,
    '',
    '| SMTP clients | messages | msg/s | MB/s | p50 ms | p99 ms | stored | replies threaded | errors | CPU ms/msg: process / PostgreSQL | machine busy | load avg before→after |',
    '| -: | -: | -: | -: | -: | -: | -: | -: | -: | -: | -: | -: |',
  ];
  for (const r of report.results) {
    lines.push(
      `| ${r.clients} | ${r.messages} | ${r.messagesPerS} | ${r.megabytesPerS} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.stored} | ${r.threadedReplies} | ${r.errors} | ${r.processCpuMsPerMessage} / ${r.databaseCpuMsPerMessage} | ${r.machineBusyPct}% | ${r.loadAverageBefore}→${r.loadAverageAfter} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const levels = (env.BENCH_EMAIL_CLIENTS ?? '1,8,32')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const perLevel = Number(env.BENCH_EMAILS || 1000);
  const engines = (env.BENCH_ENGINES ?? 'postgres,pglite')
    .split(',')
    .filter((e): e is EngineName => e === 'pglite' || (e === 'postgres' && !!env.BENCH_DATABASE_URL));
  const machine = {
    ...machineFacts(),
    calibrationMs: Math.round(calibrateCpuMs()),
    cores: availableParallelism(),
  };
  console.log(JSON.stringify({ machine }, null, 2));
  for (const name of engines) {
    const report = await benchEngine(name, levels, perLevel);
    console.log(markdown(report));
    console.log(JSON.stringify(report, null, 2));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
