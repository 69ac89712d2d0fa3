/**
 * Ticket creation through the real HTTP API: for each concurrency level, a forked
 * load-client process sends POST /api/v1/tickets over loopback keep-alive connections to
 * the server listening in this process.
 */
import { fork } from 'node:child_process';
import type { LoadJob, LoadResult } from './load-client.ts';
import { type LatencySummary, summarize } from './stats.ts';

export type CreateLevelResult = {
  clients: number;
  ticketsStored: number;
  throughputPerS: number;
  latencyMs: LatencySummary;
  errors: number;
  errorSamples: string[];
};

function runChild(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-client.ts', import.meta.url), { stdio: 'inherit' });
    let result: LoadResult | null = null;
    child.once('message', (message) => {
      result = message as LoadResult;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`load client exited with code ${code} and no result`));
    });
    child.send(job);
  });
}

export async function runCreateLevel(
  target: { baseUrl: string; token: string; ticketsStored: number },
  clients: number,
  timing: { warmupMs: number; durationMs: number },
  salt: string,
): Promise<CreateLevelResult> {
  const result = await runChild({
    baseUrl: target.baseUrl,
    token: target.token,
    clients,
    warmupMs: timing.warmupMs,
    durationMs: timing.durationMs,
    salt,
  });
  return {
    clients,
    ticketsStored: target.ticketsStored,
    throughputPerS: result.completed / (result.measuredMs / 1000),
    latencyMs: summarize(result.latenciesMs),
    errors: result.errors,
    errorSamples: result.errorSamples,
  };
}
