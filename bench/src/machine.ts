/** What the figures were measured on: they mean little without it. */
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { indexTerms } from '@switchboard/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.ts';
import { ticketTemplates } from './corpus.ts';

export type MachineFacts = {
  date: string;
  cpuModel: string;
  cpus: number;
  memoryGiB: number;
  node: string;
  kernel: string;
};

export function machineFacts(): MachineFacts {
  return {
    date: new Date().toISOString(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cpus: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: `${process.platform} ${release()}`,
  };
}

const settingNames = [
  'server_version',
  'shared_buffers',
  'work_mem',
  'effective_cache_size',
  'random_page_cost',
  'synchronous_commit',
  'jit',
];

/** The engine settings that move these benchmarks most. */
export async function engineSettings(db: Kysely<DB>): Promise<Record<string, string>> {
  const { rows } = await sql<{ name: string; value: string }>`
    select name, current_setting(name) as value from pg_settings where name = any(${settingNames}::text[])`.execute(
    db,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

/**
 * A fixed single-threaded workload (indexing every template 100 times), timed. The same code
 * on the same machine should take the same time; when it does not, the host is lending us
 * less CPU than usual and every other figure of the run is slower by about as much.
 */
function indexEveryTemplate(rounds: number): number {
  let terms = 0;
  for (let round = 0; round < rounds; round++) {
    for (const t of ticketTemplates) terms += indexTerms(`${t.subject}\n${t.bodyText}`).length;
  }
  return terms;
}

export function calibrateCpuMs(): number {
  indexEveryTemplate(20); // warm the JIT first
  const started = performance.now();
  if (indexEveryTemplate(100) === 0) throw new Error('calibration indexed nothing');
  return performance.now() - started;
}
