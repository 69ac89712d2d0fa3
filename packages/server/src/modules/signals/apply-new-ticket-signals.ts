/**
 * Reads a new ticket's first customer message before the creation rules see it: sets the
 * ticket's language if unknown, routes VIP requesters to the VIP team, and handles urgency
 * (priority, tag, on-duty alert, acknowledgement, `ticket.urgency_detected`). It runs as the
 * system, in the automation transaction, so creation rules match on the result.
 *
 * Urgency only ever raises: per docs/SIGNALS.md `urgent: false` means "no known cue", not
 * "calm", so nothing here lowers a priority or removes a tag.
 */
import {
  type AutomationSettings,
  detectLanguage,
  detectUrgency,
  type UpdateTicketInput,
} from '@switchboard/core';
import type { Kysely, Selectable } from 'kysely';
import type { DB, EventsTable } from '../../db/schema.ts';
import { systemActor } from '../../platform/actor.ts';
import type { AutomationDeps } from '../automation/effects/effect-context.ts';
import { buildRuleFacts, type WorkspaceAutomationSettings } from '../automation/rule-facts.ts';
import { appendEvents } from '../events/events.repository.ts';
import { loadAutomationSettings } from '../settings/settings.repository.ts';
import { updateTicket } from '../tickets/commands/update-ticket.ts';
import { findTicket, type TicketRecord } from '../tickets/tickets.repository.ts';
import { sendUrgentAlert } from './urgent-alert.ts';

/** Returns the ticket as it is afterwards (the one passed in when nothing changed). */
export async function applyNewTicketSignals(
  deps: AutomationDeps,
  trx: Kysely<DB>,
  input: { ticket: TicketRecord; event: Selectable<EventsTable>; settings: WorkspaceAutomationSettings },
): Promise<TicketRecord> {
  const { ticket } = input;
  const ws = ticket.workspace_id;
  // Imported history (created solved or closed) is not a live request.
  if (ticket.status === 'solved' || ticket.status === 'closed') return ticket;
  const message = await trx
    .selectFrom('messages')
    .select(['body_text', 'visibility', 'author_type'])
    .where('workspace_id', '=', ws)
    .where('ticket_id', '=', ticket.id)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  // Child tickets and agent-logged notes start with a system or internal message: nothing to read.
  if (message?.author_type !== 'contact' || message.visibility !== 'public') return ticket;
  const settings = await loadAutomationSettings(trx, ws);
  const changes: UpdateTicketInput = {
    ...languageChange(ticket, message.body_text, settings),
    ...(await vipTeamChange(trx, ticket, settings)),
  };
  const urgency = detectUrgency(message.body_text, ticket.subject);
  const alert = urgency.urgent && settings.urgentAlerts.enabled;
  if (alert) {
    if (settings.urgentAlerts.raisePriority && ticket.priority !== 'urgent') changes.priority = 'urgent';
    changes.addTags = ['urgent'];
    await appendEvents(trx, systemActor(ws), deps.clock.now(), [
      {
        subjectType: 'ticket',
        subjectId: ticket.id,
        type: 'ticket.urgency_detected',
        data: { reasons: urgency.reasons, score: urgency.score, cues: urgency.cues },
      },
    ]);
  }
  if (Object.keys(changes).length > 0)
    await updateTicket(deps, trx, systemActor(ws), { ticketId: ticket.id, changes });
  const fresh = (await findTicket(trx, ws, ticket.id, { forUpdate: true })) ?? ticket;
  if (alert) {
    const facts = await buildRuleFacts(trx, {
      ticket: fresh,
      event: input.event,
      eventType: 'ticket.created',
      settings: input.settings,
      now: deps.clock.now(),
    });
    await sendUrgentAlert(deps, trx, { workspaceId: ws, facts, settings, reasons: urgency.reasons });
  }
  return fresh;
}

function languageChange(ticket: TicketRecord, body: string, settings: AutomationSettings): UpdateTicketInput {
  if (!settings.detectLanguage || ticket.language !== null) return {};
  const detected = detectLanguage(`${ticket.subject}\n${body}`);
  return detected.language === 'und' ? {} : { language: detected.language };
}

async function vipTeamChange(
  trx: Kysely<DB>,
  ticket: TicketRecord,
  settings: AutomationSettings,
): Promise<UpdateTicketInput> {
  if (!settings.vipTeamId || ticket.team_id !== null) return {};
  const ws = ticket.workspace_id;
  const requester = await trx
    .selectFrom('contacts')
    .select('is_vip')
    .where('workspace_id', '=', ws)
    .where('id', '=', ticket.requester_id)
    .executeTakeFirst();
  if (!requester?.is_vip) return {};
  // The team may have been deleted since the setting was saved; routing to it would fail the whole step.
  const team = await trx
    .selectFrom('teams')
    .select('id')
    .where('workspace_id', '=', ws)
    .where('id', '=', settings.vipTeamId)
    .executeTakeFirst();
  return team ? { teamId: team.id } : {};
}
