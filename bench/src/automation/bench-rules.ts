/**
 * The 100 creation rules of the automation benchmark, shaped like a support team's: routing
 * by words in subject or message, channel, language, priority, VIP requesters and tags.
 * Ten of them match API tickets of one priority each (the load client sends ~1 in 7
 * tickets by API), so roughly 10–15 % of created tickets get a team, tags and a priority.
 */
const leaf = (field: string, operator: string, value?: unknown) => ({
  field,
  operator,
  ...(value === undefined ? {} : { value }),
});

const rareWords = [
  ['warranty claim', '보증 청구'],
  ['chargeback', '지불 거절'],
  ['gdpr', '개인정보 삭제'],
  ['wholesale', '도매'],
  ['press inquiry', '언론 문의'],
];
const priorities = ['low', 'normal', 'high', 'urgent'] as const;

export function creationRules(teamIds: string[]): unknown[] {
  return Array.from({ length: 100 }, (_, i) => {
    const team = teamIds[i % teamIds.length]!;
    const actions = [
      { type: 'set_team', teamId: team },
      { type: 'add_tags', tags: [`routed-${i}`] },
      { type: 'set_priority', priority: 'high' },
    ];
    if (i < 10) {
      // The matching ones: API tickets of one priority.
      const conditions = {
        all: [leaf('ticket.channel', 'is', 'api'), leaf('ticket.priority', 'is', priorities[i % 4])],
      };
      return { name: `API ${i}`, kind: 'creation', conditions, actions };
    }
    const words = rareWords[i % rareWords.length]!;
    const shapes = [
      {
        any: [
          leaf('ticket.subject', 'matches_words', { words }),
          leaf('message.text', 'matches_words', { words }),
        ],
      },
      { all: [leaf('requester.isVip', 'is', true), leaf('ticket.channel', 'in', ['email', 'chat'])] },
      { all: [leaf('ticket.language', 'is', 'ja'), leaf('ticket.priority', 'is', 'urgent')] },
      { all: [leaf('ticket.tags', 'contains', `campaign-${i}`), leaf('ticket.channel', 'is', 'web')] },
      { all: [leaf('ticket.channel', 'is', 'phone'), leaf('message.text', 'matches_words', { words })] },
    ];
    return { name: `Rule ${i}`, kind: 'creation', conditions: shapes[i % shapes.length], actions };
  });
}

/** The time rule of the sweep benchmark: open tickets untouched for 72 hours get a tag. */
export const staleTimeRule = {
  name: 'Stale open tickets',
  kind: 'time',
  conditions: {
    all: [leaf('ticket.status', 'is', 'open'), leaf('ticket.hoursSinceUpdated', 'greater_than', 72)],
  },
  actions: [{ type: 'add_tags', tags: ['stale'] }],
};
