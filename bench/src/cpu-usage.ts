/**
 * Who used the CPU during a measurement. On a 2-core machine the server, the load
 * generator and PostgreSQL compete for the same cores, and anything else running (another
 * test suite, say) skews the figures; so each measurement records the machine's busy time
 * (/proc/stat), this process's (the server; PGlite runs inside it), the load generator's and
 * the PostgreSQL backends' (/proc/<pid>/stat), and what is left over. Linux only; elsewhere
 * the machine figures are NaN.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

// USER_HZ: clock ticks per second in /proc, 100 on every mainstream Linux build.
const TICK_MS = 10;

export type CpuSnapshot = {
  atMs: number;
  machineBusyMs: number;
  serverMs: number;
  backendMs: Map<number, number>;
};

export type CpuReport = {
  wallMs: number;
  cores: number;
  /** Share of all cores that were busy, 0–100. */
  machineBusyPct: number;
  serverMs: number;
  clientMs: number;
  databaseMs: number;
  /** Busy time not accounted to the three above: kernel networking, PostgreSQL's background processes, other programs. */
  otherMs: number;
};

function machineBusyMs(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
    return (user + nice + system + irq + softirq + steal) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

/** utime + stime of a process, or null when it is gone or not ours to read. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export function snapshotCpu(backendPids: readonly number[]): CpuSnapshot {
  const backendMs = new Map<number, number>();
  for (const pid of backendPids) {
    const used = processCpuMs(pid);
    if (used !== null) backendMs.set(pid, used);
  }
  return { atMs: performance.now(), machineBusyMs: machineBusyMs(), serverMs: ownCpuMs(), backendMs };
}

/** Backends that appeared after `start` count from zero. */
export function cpuBetween(start: CpuSnapshot, end: CpuSnapshot, clientMs: number): CpuReport {
  let databaseMs = 0;
  for (const [pid, used] of end.backendMs) databaseMs += used - (start.backendMs.get(pid) ?? 0);
  const wallMs = end.atMs - start.atMs;
  const cores = availableParallelism();
  const busy = end.machineBusyMs - start.machineBusyMs;
  const serverMs = end.serverMs - start.serverMs;
  return {
    wallMs,
    cores,
    machineBusyPct: (100 * busy) / (wallMs * cores),
    serverMs,
    clientMs,
    databaseMs,
    otherMs: busy - serverMs - clientMs - databaseMs,
  };
}

/** Share of all cores busy over the next `sampleMs`. */
export async function sampleMachineBusyPct(sampleMs = 1000): Promise<number> {
  const before = machineBusyMs();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  return (100 * (machineBusyMs() - before)) / (sampleMs * availableParallelism());
}

/**
 * Waits until the machine is nearly idle before a measurement, for at most `maxWaitMs`,
 * and returns the last busy share seen (recorded with the result, so a noisy run shows).
 */
export async function waitForQuietMachine(
  maxWaitMs: number,
  log: (message: string) => void,
): Promise<number> {
  const quietPct = 15;
  const deadline = performance.now() + maxWaitMs;
  let busy = await sampleMachineBusyPct();
  while (!(busy <= quietPct) && performance.now() < deadline && Number.isFinite(busy)) {
    log(`  machine ${busy.toFixed(0)}% busy before the measurement; waiting for it to settle`);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    busy = await sampleMachineBusyPct();
  }
  return busy;
}
