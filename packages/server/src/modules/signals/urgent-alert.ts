/**
 * What a new urgent ticket sets off besides its own fields: an alert to the on-duty team
 * (the notifications outbox, in the workspace's language) and an acknowledgement to the
 * customer (in the requester's language). Both are written by the system, never by an
 * agent: the acknowledgement must not stop the first-response clock.
 */
import {
  type AutomationSettings,
  type RuleFacts,
  renderTemplate,
  requesterLocaleOf,
  templateContextOf,
  type UrgencyReason,
} from '@switchboard/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { systemActor } from '../../platform/actor.ts';
import type { AutomationDeps } from '../automation/effects/effect-context.ts';
import { applyNotifyEffect } from '../automation/effects/notify-effect.ts';
import { addMessage } from '../tickets/commands/add-message.ts';

/** Stands where a rule id would in the notification's cause, so the outbox says who sent it. */
export const urgentAlertSource = 'signals.urgency';

const reasonLabels: Record<'ko' | 'en', Record<UrgencyReason, string>> = {
  ko: {
    outage: '서비스 장애',
    payment_failure: '결제 실패',
    login_blocked: '로그인 불가',
    data_loss: '데이터 유실',
    security: '보안 문제',
    legal_threat: '법적 조치 언급',
    explicit_urgent: '긴급 요청',
  },
  en: {
    outage: 'outage',
    payment_failure: 'payment failure',
    login_blocked: 'login blocked',
    data_loss: 'data loss',
    security: 'security',
    legal_threat: 'legal threat',
    explicit_urgent: 'marked urgent',
  },
};

function alertText(facts: RuleFacts, reasons: readonly UrgencyReason[], locale: 'ko' | 'en') {
  const { number, subject } = facts.ticket;
  const because = reasons.map((r) => reasonLabels[locale][r]).join(', ');
  const requester = facts.requester?.name ?? facts.requester?.email ?? '';
  if (locale === 'ko') {
    return {
      subject: `[긴급] #${number} ${subject}`,
      body: `새 티켓 #${number}이(가) 긴급 문의로 감지되었습니다 (${because}).\n요청자: ${requester}\n제목: ${subject}`,
    };
  }
  return {
    subject: `[Urgent] #${number} ${subject}`,
    body: `New ticket #${number} was detected as urgent (${because}).\nRequester: ${requester}\nSubject: ${subject}`,
  };
}

export async function sendUrgentAlert(
  deps: AutomationDeps,
  trx: Kysely<DB>,
  input: {
    workspaceId: string;
    facts: RuleFacts;
    settings: AutomationSettings;
    reasons: readonly UrgencyReason[];
  },
): Promise<void> {
  const { facts, settings } = input;
  const actor = systemActor(input.workspaceId);
  const teamId = settings.urgentAlerts.onDutyTeamId;
  if (teamId) {
    const ctx = { deps, trx, actor, ruleId: urgentAlertSource, ticketId: facts.ticket.id, facts };
    await applyNotifyEffect(ctx, {
      to: { kind: 'team', teamId },
      ...alertText(facts, input.reasons, settings.locale),
      locale: settings.locale,
    });
  }
  const ack = settings.urgentAlerts.acknowledgement;
  if (!ack.enabled) return;
  const text = renderTemplate(ack.text, templateContextOf(facts), { locale: requesterLocaleOf(facts) });
  // An admin may have saved an empty variant; an empty reply would fail the whole step.
  if (text.trim() === '') return;
  await addMessage(deps, trx, actor, {
    ticketId: facts.ticket.id,
    message: {
      bodyText: text,
      visibility: 'public',
      author: 'me',
      metadata: { automatic: 'urgent_acknowledgement' },
    },
  });
}
