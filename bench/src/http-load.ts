/**
 * Ticket creation through the real HTTP API: for each concurrency level, a forked
 * load-client process sends POST /api/v1/tickets over loopback keep-alive connections to
 * the server listening in this process. The CPU used by server, load generator and
 * database inside the measured window is recorded with the result.
 */
import { fork } from 'node:child_process';
import { type CpuReport, type CpuSnapshot, cpuBetween, snapshotCpu } from './cpu-usage.ts';
import type { LoadJob, LoadMessage, LoadResult } from './load-client.ts';
import { type LatencySummary, summarize } from './stats.ts';

export type CreateTarget = {
  baseUrl: string;
  token: string;
  ticketsStored: number;
  /** PostgreSQL backend pids serving the app (none for PGlite, which runs in-process). */
  backendPids: () => Promise<number[]>;
};

export type CreateLevelResult = {
  clients: number;
  ticketsStored: number;
  /** Tickets created inside the measured window. */
  completed: number;
  throughputPerS: number;
  latencyMs: LatencySummary;
  errors: number;
  errorSamples: string[];
  /** Share of all cores busy just before the level started. */
  machineBusyBeforePct: number;
  cpu: CpuReport | null;
};

type ChildOutcome = { result: LoadResult; cpu: CpuReport | null };

function runChild(job: LoadJob, backendPids: () => Promise<number[]>): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-client.ts', import.meta.url), { stdio: 'inherit' });
    let result: LoadResult | null = null;
    let start: Promise<{ pids: number[]; snapshot: CpuSnapshot }> | null = null;
    let end: Promise<CpuSnapshot> | null = null;
    child.on('message', (message: LoadMessage) => {
      if (message.type === 'window-start') {
        start = backendPids().then((pids) => ({ pids, snapshot: snapshotCpu(pids) }));
      } else if (message.type === 'window-end') {
        const opened = start;
        end = backendPids().then(async (pids) => snapshotCpu([...pids, ...((await opened)?.pids ?? [])]));
      } else {
        const { type: _type, ...rest } = message;
        result = rest;
      }
    });
    child.once('error', reject);
    // 'close', not 'exit': it comes after the IPC channel has delivered every message.
    child.once('close', (code) => {
      if (!result) return reject(new Error(`load client exited with code ${code} and no result`));
      if (!start || !end) console.error(`  (no CPU figures: window ${start ? 'end' : 'start'} mark missing)`);
      const finished = result;
      Promise.all([start, end]).then(([opened, closed]) => {
        const cpu = opened && closed ? cpuBetween(opened.snapshot, closed, finished.cpuMs) : null;
        resolve({ result: finished, cpu });
      }, reject);
    });
    child.send(job);
  });
}

export async function runCreateLevel(
  target: CreateTarget,
  clients: number,
  timing: { warmupMs: number; durationMs: number },
  context: { salt: string; machineBusyBeforePct: number },
): Promise<CreateLevelResult> {
  const job: LoadJob = {
    baseUrl: target.baseUrl,
    token: target.token,
    clients,
    warmupMs: timing.warmupMs,
    durationMs: timing.durationMs,
    salt: context.salt,
  };
  const { result, cpu } = await runChild(job, target.backendPids);
  return {
    clients,
    ticketsStored: target.ticketsStored,
    completed: result.completed,
    throughputPerS: result.completed / (result.measuredMs / 1000),
    latencyMs: summarize(result.latenciesMs),
    errors: result.errors,
    errorSamples: result.errorSamples,
    machineBusyBeforePct: context.machineBusyBeforePct,
    cpu,
  };
}
