/**
 * After time rules are created, edited, enabled or disabled (or their rule set is): their
 * timers on every open ticket of the workspace, recomputed. The ticket hook only runs when a
 * ticket changes, so without this a new "solved for 7 days → close" rule would never reach
 * tickets solved before it existed, and a shortened threshold would fire late. Runs in the
 * caller's transaction, a page of tickets at a time.
 */
import { alwaysOpenCalendar, type TimeAnchorName } from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadWorkspaceAutomationSettings } from '../automation/rule-facts.ts';
import { dueInstant } from './due-instant.ts';
import { loadTimeRuleAnchors, type TicketTimer, upsertTimers } from './time-rules.repository.ts';

const pageSize = 500;

// The ticket column behind each anchor (as anchorInstant reads it from a whole ticket).
const anchorColumns = {
  created: 'created_at',
  updated: 'updated_at',
  statusChanged: 'status_changed_at',
  lastCustomerMessage: 'last_customer_message_at',
  lastAgentMessage: 'last_agent_message_at',
} as const satisfies Record<TimeAnchorName, string>;

/** Returns how many timers the rules now have in the workspace. */
export async function refreshTimeRuleTimers(
  db: Kysely<DB>,
  input: { workspaceId: string; ruleIds: string[] },
): Promise<number> {
  const { workspaceId } = input;
  if (input.ruleIds.length === 0) return 0;
  await db
    .deleteFrom('ticket_timers')
    .where('workspace_id', '=', workspaceId)
    .where('rule_id', 'in', input.ruleIds)
    .execute();
  const wanted = new Set(input.ruleIds);
  const rules = (await loadTimeRuleAnchors(db, workspaceId)).filter((r) => wanted.has(r.ruleId));
  if (rules.length === 0) return 0;
  const calendar = rules.some((r) => r.anchor.isBusinessTime)
    ? (await loadWorkspaceAutomationSettings(db, workspaceId)).calendar
    : alwaysOpenCalendar;
  let count = 0;
  let after: string | null = null;
  for (;;) {
    let page = db
      .selectFrom('tickets')
      .select(['id', ...Object.values(anchorColumns)])
      .where('workspace_id', '=', workspaceId)
      .where('deleted_at', 'is', null)
      .where('status', '!=', 'closed');
    if (after) page = page.where('id', '>', after);
    const tickets = await page.orderBy('id').limit(pageSize).execute();
    if (tickets.length === 0) return count;
    after = tickets[tickets.length - 1]?.id ?? after;
    const fired = await db
      .selectFrom('time_rule_firings')
      .select(['rule_id', 'ticket_id', 'window_key'])
      .where('workspace_id', '=', workspaceId)
      .where('rule_id', 'in', [...wanted])
      .where(
        'ticket_id',
        'in',
        tickets.map((t) => t.id),
      )
      .execute();
    const isFired = new Set(fired.map((f) => `${f.rule_id} ${f.ticket_id} ${f.window_key}`));
    const timers: TicketTimer[] = tickets.flatMap((ticket) =>
      rules.flatMap(({ ruleId, anchor }) => {
        const at = ticket[anchorColumns[anchor.since]];
        const windowKey = at?.toISOString();
        if (!at || !windowKey || isFired.has(`${ruleId} ${ticket.id} ${windowKey}`)) return [];
        return [{ ticketId: ticket.id, ruleId, dueAt: dueInstant(at, anchor, calendar), windowKey }];
      }),
    );
    // In slices: five parameters a row stay far below PostgreSQL's 65,535 per statement.
    for (let i = 0; i < timers.length; i += 2000)
      await upsertTimers(db, workspaceId, timers.slice(i, i + 2000));
    count += timers.length;
  }
}
