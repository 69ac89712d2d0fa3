/**
 * A ticket's history reduced to what SLA clocks need: status runs, the priority at an
 * instant, and reply cycles. Inputs are copied and sorted, never mutated; instants before
 * the ticket's creation count as the creation instant.
 */
import { validationError } from '../errors.ts';
import type { TicketPriority } from '../schemas/tickets.ts';
import type { TicketStatus } from '../tickets/ticket-status.ts';
import type { MsSpan } from '../time/compile-calendar.ts';
import { epochMsOf } from '../time/paused-spans.ts';

export type SlaTicketHistory = {
  createdAt: Date;
  /** Every priority the ticket had, with when it was set; the first is the priority at creation. */
  priorityChanges: readonly { priority: TicketPriority; at: Date }[];
  /** Every status the ticket had, with when it was set; before the first, the ticket counts as `new`. */
  statusChanges: readonly { status: TicketStatus; at: Date }[];
  /** Messages; only public ones by the customer or an agent count (system and notes are ignored). */
  messages: readonly { author: 'customer' | 'agent' | 'system'; isPublic: boolean; at: Date }[];
};

type StatusRun = { status: TicketStatus; startMs: number; endMs: number };
/** A reply cycle: starts when a reply becomes owed, stops when it is given (or the ticket is solved). */
export type ReplyCycle = { startMs: number; stopMs: number | null };

export type TicketTimeline = {
  createdMs: number;
  statusAt(epochMs: number): TicketStatus;
  priorityAt(epochMs: number): TicketPriority;
  /** Spans spent in any of `statuses`, ascending; the current run ends at +Infinity. */
  spansIn(statuses: ReadonlySet<TicketStatus>): MsSpan[];
  /** Start of the unbroken stretch of `statuses` containing `epochMs`, or null if not in one. */
  streakStartMs(statuses: ReadonlySet<TicketStatus>, epochMs: number): number | null;
  replyCycles: ReplyCycle[];
};

export const solvedStatuses: ReadonlySet<TicketStatus> = new Set(['solved', 'closed']);

/** The history as of `nowMs`: anything recorded later is ignored, so past states can be replayed. */
export function buildTicketTimeline(history: SlaTicketHistory, nowMs: number): TicketTimeline {
  const createdMs = epochMsOf(history.createdAt, '/ticket/createdAt');
  const clamp = (ms: number) => Math.max(ms, createdMs);
  const allPriorities = sortByTime(history.priorityChanges, '/ticket/priorityChanges', clamp);
  if (allPriorities.length === 0) {
    throw validationError([
      { pointer: '/ticket/priorityChanges', message: 'must include the priority at creation' },
    ]);
  }
  const isKnown = ({ startMs }: { startMs: number }) => startMs <= nowMs;
  // The creation priority applies even when `now` precedes creation.
  const priorities = allPriorities.filter((p, index) => index === 0 || isKnown(p));
  const runs = statusRuns(
    sortByTime(history.statusChanges, '/ticket/statusChanges', clamp).filter(isKnown),
    createdMs,
  );
  const statusAt = (ms: number) => lastAtOrBefore(runs, ms)?.status ?? 'new';
  const messages = sortByTime(history.messages, '/ticket/messages', clamp).filter(
    (m) => m.item.isPublic && isKnown(m),
  );
  return {
    createdMs,
    statusAt,
    priorityAt: (ms) => (lastAtOrBefore(priorities, ms) ?? allPriorities[0])!.item.priority,
    spansIn: (statuses) =>
      runs.filter((run) => statuses.has(run.status)).map((run): MsSpan => [run.startMs, run.endMs]),
    streakStartMs: (statuses, ms) => {
      let index = runs.findLastIndex((run) => run.startMs <= ms);
      if (index < 0 || !statuses.has(runs[index]!.status)) return null;
      while (index > 0 && statuses.has(runs[index - 1]!.status)) index--;
      return runs[index]!.startMs;
    },
    replyCycles: replyCycles({ createdMs, runs, messages, statusAt }),
  };
}

type Timed<T> = { item: T; startMs: number };

function sortByTime<T extends { at: Date }>(
  items: readonly T[],
  pointer: string,
  clamp: (ms: number) => number,
): Timed<T>[] {
  const timed = items.map((item, index) => ({
    item,
    startMs: clamp(epochMsOf(item.at, `${pointer}/${index}/at`)),
  }));
  // Array.prototype.sort is stable, so same-instant changes keep their given order.
  return timed.sort((a, b) => a.startMs - b.startMs);
}

function lastAtOrBefore<T extends { startMs: number }>(sorted: readonly T[], ms: number): T | undefined {
  let found: T | undefined;
  for (const entry of sorted) {
    if (entry.startMs > ms) break;
    found = entry;
  }
  return found;
}

function statusRuns(changes: Timed<{ status: TicketStatus }>[], createdMs: number): StatusRun[] {
  const runs: StatusRun[] = [];
  for (const { item, startMs } of changes) {
    let last = runs.at(-1);
    // Of several changes at one instant, only the last leaves a run.
    if (last && last.startMs === startMs) {
      runs.pop();
      last = runs.at(-1);
      if (last) last.endMs = Number.POSITIVE_INFINITY;
    }
    if (last?.status === item.status) continue;
    if (last) last.endMs = startMs;
    runs.push({ status: item.status, startMs, endMs: Number.POSITIVE_INFINITY });
  }
  const first = runs[0];
  if (!first || first.startMs > createdMs) {
    runs.unshift({ status: 'new', startMs: createdMs, endMs: first?.startMs ?? Number.POSITIVE_INFINITY });
  }
  return runs;
}

type CycleInput = {
  createdMs: number;
  runs: StatusRun[];
  messages: Timed<SlaTicketHistory['messages'][number]>[];
  statusAt: (ms: number) => TicketStatus;
};

/**
 * The first cycle starts at creation (first response); each later one at the first customer
 * message after a reply was given (next response). A reply is an agent's public message or
 * the ticket being solved: a solved ticket owes nothing, and a customer message that leaves
 * it solved (a thank-you) starts no cycle. At the same instant, the reply comes first.
 */
function replyCycles({ createdMs, runs, messages, statusAt }: CycleInput): ReplyCycle[] {
  const solves = runs
    .filter(
      (run, index) => solvedStatuses.has(run.status) && !solvedStatuses.has(runs[index - 1]?.status ?? 'new'),
    )
    .map((run) => ({ ms: run.startMs, isReply: true }));
  const timeline = [
    ...solves,
    ...messages
      .filter((m) => m.item.author !== 'system')
      .map((m) => ({ ms: m.startMs, isReply: m.item.author === 'agent' })),
  ].sort((a, b) => a.ms - b.ms || Number(b.isReply) - Number(a.isReply));
  const cycles: ReplyCycle[] = [{ startMs: createdMs, stopMs: null }];
  for (const event of timeline) {
    const current = cycles.at(-1)!;
    const isOpen = current.stopMs === null;
    if (event.isReply && isOpen) current.stopMs = event.ms;
    else if (!event.isReply && !isOpen && !solvedStatuses.has(statusAt(event.ms))) {
      cycles.push({ startMs: event.ms, stopMs: null });
    }
  }
  return cycles;
}
