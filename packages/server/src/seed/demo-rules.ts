/** The demo's rule sets: triage on creation, follow-ups on updates, reminders over time. */
import type { DemoTeams } from './demo-automation.ts';

const words = (list: string[]) => ({ words: list });

export function demoRules(teams: DemoTeams) {
  return [
    {
      set: { name: '접수 분류 Triage', kind: 'creation', mode: 'all_matches' },
      rules: [
        {
          name: '환불·결제 → 결제팀 Refunds and payments to Billing',
          kind: 'creation',
          conditions: {
            any: [
              {
                field: 'ticket.subject',
                operator: 'matches_words',
                value: words(['환불', '결제', 'refund', 'payment', 'invoice', '영수증']),
              },
              {
                field: 'message.text',
                operator: 'matches_words',
                value: words(['환불', 'refund', 'charged twice', '이중 결제']),
              },
            ],
          },
          actions: [
            { type: 'set_team', teamId: teams.billing },
            { type: 'add_tags', tags: ['billing'] },
            { type: 'assign_by_strategy', strategy: 'skill_based' },
          ],
        },
        {
          name: '배송 → 물류팀 Shipping to Logistics',
          kind: 'creation',
          conditions: {
            any: [
              {
                field: 'ticket.subject',
                operator: 'matches_words',
                value: words(['배송', '택배', 'delivery', 'shipping', 'parcel', 'tracking']),
              },
            ],
          },
          actions: [
            { type: 'set_team', teamId: teams.logistics },
            { type: 'add_tags', tags: ['shipping'] },
            { type: 'assign_by_strategy', strategy: 'round_robin' },
          ],
        },
        {
          name: '로그인·오류 → 기술지원 Login and errors to Technical',
          kind: 'creation',
          conditions: {
            any: [
              {
                field: 'ticket.subject',
                operator: 'matches_words',
                value: words(['로그인', '오류', '에러', 'login', 'error', '2fa', 'bug']),
              },
            ],
          },
          actions: [
            { type: 'set_team', teamId: teams.technical },
            { type: 'assign_by_strategy', strategy: 'load_balanced' },
          ],
        },
      ],
    },
    {
      set: { name: '진행 관리 Follow-ups', kind: 'update', mode: 'all_matches' },
      rules: [
        {
          name: 'SLA 위반 시 팀 알림 Notify the team on SLA breach',
          kind: 'update',
          events: ['sla.breached'],
          conditions: { all: [] },
          actions: [
            {
              type: 'notify',
              target: 'team',
              subject: { ko: 'SLA 위반: #{{ticket.number}}', en: 'SLA breached: #{{ticket.number}}' },
              body: {
                ko: '{{ticket.subject}} 문의가 SLA를 넘겼습니다.',
                en: '{{ticket.subject}} has breached its SLA.',
              },
            },
          ],
        },
      ],
    },
    {
      set: { name: '시간 규칙 Time rules', kind: 'time', mode: 'all_matches' },
      rules: [
        {
          name: '보류 48시간 → 고객 안내 Pending 48 business hours: remind the customer',
          kind: 'time',
          conditions: {
            all: [
              { field: 'ticket.status', operator: 'is', value: 'pending' },
              { field: 'ticket.businessHoursSinceStatusChanged', operator: 'greater_than', value: 48 },
            ],
          },
          actions: [
            {
              type: 'send_reply',
              body: {
                ko: '{{requester.name}}님, 문의 #{{ticket.number}} 관련해 확인이 필요한 내용이 남아 있습니다. 회신 주시면 바로 도와드리겠습니다.',
                en: 'Hi {{requester.name}}, we are still waiting for your answer on #{{ticket.number}}. Reply any time and we will pick it up.',
              },
            },
          ],
        },
        {
          name: '해결 7일 후 종료 Close 7 days after solved',
          kind: 'time',
          conditions: {
            all: [
              { field: 'ticket.status', operator: 'is', value: 'solved' },
              { field: 'ticket.hoursSinceStatusChanged', operator: 'greater_than', value: 168 },
            ],
          },
          actions: [{ type: 'set_status', status: 'closed' }],
        },
      ],
    },
  ];
}
