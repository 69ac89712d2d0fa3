/** Results as Markdown tables (printed) and as JSON under bench/results/ (git-ignored). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuReport } from './cpu-usage.ts';
import type { CreateLevelResult } from './http-load.ts';
import type { ListQueryResult } from './list-queries.ts';
import type { BulkLoadResult } from './load-tickets.ts';
import type { MachineFacts } from './machine.ts';
import type { BenchOptions, EngineName } from './options.ts';
import { ms } from './stats.ts';

export type EngineReport = {
  engine: EngineName;
  version: string;
  settings: Record<string, string>;
  machine: MachineFacts;
  /** calibrateCpuMs() before and after the run: equal on a steady machine. */
  cpuCalibrationMs: { before: number; after: number | null };
  options: Omit<BenchOptions, 'databaseUrl'>;
  create: CreateLevelResult[];
  bulkLoad: BulkLoadResult | null;
  lists: ListQueryResult[];
  listMachineBusyBeforePct: number | null;
  listCpu: CpuReport | null;
  createAfterLoad: CreateLevelResult[];
};

const resultsDir = join(import.meta.dirname, '..', 'results');

export function writeJson(report: EngineReport): string {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${report.machine.date.slice(0, 10)}-${report.engine}.json`);
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

const pct = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n) ? '–' : `${n.toFixed(0)}%`;

/** CPU milliseconds per created ticket: server / database / load generator / rest of the machine. */
function cpuPerTicket(r: CreateLevelResult): string {
  const cpu = r.cpu;
  const tickets = r.completed;
  if (!cpu || tickets === 0 || !Number.isFinite(cpu.otherMs)) return '–';
  const each = (value: number) => (value / tickets).toFixed(2);
  return `${each(cpu.serverMs)} / ${each(cpu.databaseMs)} / ${each(cpu.clientMs)} / ${each(cpu.otherMs)}`;
}

function createTable(rows: CreateLevelResult[]): string[] {
  return [
    '| clients | tickets stored | tickets/s | p50 ms | p99 ms | max ms | errors | busy before | busy during | CPU ms/ticket: server / db / client / other |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.clients} | ${int(r.ticketsStored)} | ${int(r.throughputPerS)} | ${ms(r.latencyMs.p50)} | ` +
        `${ms(r.latencyMs.p99)} | ${ms(r.latencyMs.max)} | ${r.errors} | ${pct(r.machineBusyBeforePct)} | ` +
        `${pct(r.cpu?.machineBusyPct)} | ${cpuPerTicket(r)} |`,
    ),
  ];
}

function loadTable(load: BulkLoadResult): string[] {
  return [
    '| phase | rows | seconds | rows/s |',
    '| --- | ---: | ---: | ---: |',
    ...load.phases.map(
      (p) =>
        `| ${p.name} | ${int(p.rows)} | ${p.seconds.toFixed(1)} | ${p.rows ? int(p.rows / p.seconds) : ''} |`,
    ),
    `| **total** | ${int(load.tickets)} tickets | **${load.totalSeconds.toFixed(1)}** | |`,
    '',
    `Sizes with indexes: ${Object.entries(load.sizesMiB)
      .map(([name, mib]) => `${name} ${int(mib)} MiB`)
      .join(', ')}.`,
  ];
}

function listTable(rows: ListQueryResult[]): string[] {
  return [
    '| query | matches | p50 ms | p95 ms | p99 ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${int(r.matches)} | ${ms(r.latencyMs.p50)} | ${ms(r.latencyMs.p95)} | ${ms(r.latencyMs.p99)} |`,
    ),
  ];
}

export function engineMarkdown(report: EngineReport): string {
  const { before, after } = report.cpuCalibrationMs;
  const lines = [
    `## ${report.engine}: ${report.version}`,
    '',
    `CPU calibration (fixed workload, lower is faster): ${ms(before)} ms before, ${ms(after ?? Number.NaN)} ms after.`,
    '',
  ];
  lines.push('### Create ticket, POST /api/v1/tickets over loopback (load generator in a child process)', '');
  lines.push(...createTable([...report.create, ...report.createAfterLoad]), '');
  for (const r of [...report.create, ...report.createAfterLoad]) {
    for (const sample of r.errorSamples) lines.push(`- error at ${r.clients} clients: ${sample}`);
  }
  if (report.bulkLoad) {
    lines.push('### Bulk load (set-based SQL, all indexes in place)', '', ...loadTable(report.bulkLoad), '');
  }
  if (report.lists.length > 0) {
    const runs = report.lists[0]?.latencyMs.count ?? 0;
    lines.push(`### First page (25) via app.inject, ${runs} runs each`, '', ...listTable(report.lists), '');
    lines.push(
      `Machine busy before: ${pct(report.listMachineBusyBeforePct)}; during: ${pct(report.listCpu?.machineBusyPct)}.`,
      '',
    );
    lines.push('Plans (outermost node first):', '');
    for (const r of report.lists) lines.push(`- ${r.name}: ${r.planSummary}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** PGlite time ÷ PostgreSQL time for the comparable figures (budget: ≤ 3). */
export function comparisonMarkdown(pglite: EngineReport, postgres: EngineReport): string {
  const lines = [
    '## PGlite ÷ PostgreSQL',
    '',
    '| benchmark | PGlite | PostgreSQL | ratio |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const p of pglite.create) {
    const q = postgres.create.find((r) => r.clients === p.clients);
    if (q) {
      lines.push(
        `| create, ${p.clients} clients (tickets/s) | ${int(p.throughputPerS)} | ${int(q.throughputPerS)} | ` +
          `${(q.throughputPerS / p.throughputPerS).toFixed(1)}× slower |`,
      );
    }
  }
  if (pglite.bulkLoad && postgres.bulkLoad) {
    lines.push(
      `| bulk load (s, ${int(pglite.bulkLoad.tickets)} vs ${int(postgres.bulkLoad.tickets)} tickets) | ` +
        `${pglite.bulkLoad.totalSeconds.toFixed(1)} | ${postgres.bulkLoad.totalSeconds.toFixed(1)} | ` +
        `${(pglite.bulkLoad.totalSeconds / pglite.bulkLoad.tickets / (postgres.bulkLoad.totalSeconds / postgres.bulkLoad.tickets)).toFixed(1)}× per row |`,
    );
  }
  for (const p of pglite.lists) {
    const q = postgres.lists.find((r) => r.name === p.name);
    if (q) {
      lines.push(
        `| ${p.name} (p95 ms) | ${ms(p.latencyMs.p95)} | ${ms(q.latencyMs.p95)} | ` +
          `${(p.latencyMs.p95 / q.latencyMs.p95).toFixed(1)}× |`,
      );
    }
  }
  return lines.join('\n');
}
