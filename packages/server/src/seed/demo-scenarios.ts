/**
 * The shape of the demo desk, as data: the kinds of conversation it holds (which team owns
 * each, how it is typed, tagged and prioritised, which custom fields it fills, how often it
 * happens for a shopper versus a business customer), how statuses and channels are
 * spread, and how a conversation in each status unfolds. The words live in the phrase
 * books (demo-phrases-ko.ts, demo-phrases-en.ts), keyed by the same scenario keys; the
 * generator that combines all this is demo-content.ts.
 */
import type { DemoTicket } from './demo-content.ts';

type Status = DemoTicket['status'];

export type ScenarioKey =
  | 'refund'
  | 'partial_refund'
  | 'shipping_delay'
  | 'address_change'
  | 'payment_failure'
  | 'order_status'
  | 'defect'
  | 'appointment'
  | 'login'
  | 'bug'
  | 'feature_request'
  | 'account_deletion'
  | 'invoice'
  | 'outage';

/** Facts of a ticket a scenario copies into custom fields, and the field each one fills. */
export type FieldFact = 'order' | 'refund' | 'delivery' | 'warranty' | 'version';
export const FIELD_KEYS: Record<FieldFact, string> = {
  order: 'order_number',
  refund: 'refund_amount',
  delivery: 'delivery_date',
  warranty: 'warranty',
  version: 'app_version',
};

export type Scenario = {
  key: ScenarioKey;
  teamKey: string;
  /** Matched against agent topics when picking an assignee. */
  topic: string;
  type: DemoTicket['type'];
  /** Relative weights of low, normal and high; outages are always urgent instead. */
  priorityWeights: [low: number, normal: number, high: number];
  isOutage: boolean;
  tags: string[];
  /** Extra tags on Korean tickets, so Korean searches and views find them too. */
  koreanTags: string[];
  productArea: string;
  fields: FieldFact[];
  /** How often the scenario happens for a shopper and for a contact of an organisation. */
  weight: { shopper: number; business: number };
};

/** Text templates with {slot} placeholders; demo-content.ts lists the slots it fills. */
export type ScenarioPhrases = {
  /** Subjects that fit any opening of the scenario. */
  subjects: string[];
  /** The customer's first message, with a subject written for it. */
  openings: [subject: string, text: string][];
  /** The customer adding detail after an agent's reply. */
  followUps: string[];
  /** An agent's public progress update. */
  replies: string[];
  /** An agent's public question and the customer's answer; a pending ticket ends on the question. */
  questions: [question: string, answer: string][];
  resolutions: string[];
  /** Internal notes between agents. */
  notes: string[];
};

export type SharedPhrases = {
  /** Put before some customers' first message. */
  customerGreetings: string[];
  agentGreetings: string[];
  agentClosings: string[];
  customerSignoffs: string[];
  /** The customer chasing an unanswered ticket. */
  nudges: string[];
  thanks: string[];
  holdReplies: string[];
  holdNotes: string[];
};

/**
 * How a language writes the values that fill slots. Dates handed to these functions are
 * already shifted to the customer's wall clock by `utcOffsetMinutes` and are read with getUTC*.
 */
export type LocaleFormat = {
  utcOffsetMinutes: number;
  money(amount: number): string;
  /** Rounds a computed amount, such as a partial refund, the way prices in this currency look. */
  roundMoney(amount: number): number;
  day(date: Date): string;
  appointment(date: Date): string;
  month(date: Date): string;
  /** How an agent addresses the customer. */
  addressAs(fullName: string): string;
  /** How an agent signs a reply. */
  signature(agent: { name: string; email: string }): string;
};

export type PhraseBook = {
  format: LocaleFormat;
  shared: SharedPhrases;
  scenarios: Record<ScenarioKey, ScenarioPhrases>;
};

export const SCENARIOS: Scenario[] = [
  {
    key: 'refund',
    teamKey: 'billing',
    topic: 'refund',
    type: 'question',
    priorityWeights: [2, 6, 2],
    isOutage: false,
    tags: ['refund'],
    koreanTags: ['환불'],
    productArea: 'payments',
    fields: ['order', 'refund'],
    weight: { shopper: 13, business: 3 },
  },
  {
    key: 'partial_refund',
    teamKey: 'billing',
    topic: 'refund',
    type: 'question',
    priorityWeights: [3, 6, 1],
    isOutage: false,
    tags: ['refund', 'partial_refund'],
    koreanTags: ['환불'],
    productArea: 'payments',
    fields: ['order', 'refund'],
    weight: { shopper: 6, business: 2 },
  },
  {
    key: 'shipping_delay',
    teamKey: 'logistics',
    topic: 'shipping',
    type: 'incident',
    priorityWeights: [1, 6, 3],
    isOutage: false,
    tags: ['shipping', 'delay'],
    koreanTags: ['배송'],
    productArea: 'shipping',
    fields: ['order', 'delivery'],
    weight: { shopper: 14, business: 4 },
  },
  {
    key: 'address_change',
    teamKey: 'logistics',
    topic: 'shipping',
    type: 'task',
    priorityWeights: [1, 5, 4],
    isOutage: false,
    tags: ['shipping', 'address_change'],
    koreanTags: ['배송', '배송지변경'],
    productArea: 'shipping',
    fields: ['order'],
    weight: { shopper: 6, business: 1 },
  },
  {
    key: 'payment_failure',
    teamKey: 'billing',
    topic: 'billing',
    type: 'incident',
    priorityWeights: [0, 5, 5],
    isOutage: false,
    tags: ['payment', 'checkout'],
    koreanTags: ['결제'],
    productArea: 'payments',
    fields: ['order'],
    weight: { shopper: 9, business: 4 },
  },
  {
    key: 'order_status',
    teamKey: 'tier1',
    topic: 'order',
    type: 'question',
    priorityWeights: [4, 6, 0],
    isOutage: false,
    tags: ['order'],
    koreanTags: ['주문'],
    productArea: 'orders',
    fields: ['order'],
    weight: { shopper: 10, business: 3 },
  },
  {
    key: 'defect',
    teamKey: 'tier1',
    topic: 'order',
    type: 'problem',
    priorityWeights: [1, 7, 2],
    isOutage: false,
    tags: ['defect', 'warranty'],
    koreanTags: ['불량'],
    productArea: 'orders',
    fields: ['order', 'warranty'],
    weight: { shopper: 7, business: 2 },
  },
  {
    key: 'appointment',
    teamKey: 'tier1',
    topic: 'appointment',
    type: 'task',
    priorityWeights: [3, 6, 1],
    isOutage: false,
    tags: ['appointment'],
    koreanTags: ['예약'],
    productArea: 'booking',
    fields: [],
    weight: { shopper: 7, business: 1 },
  },
  {
    key: 'login',
    teamKey: 'technical',
    topic: 'login',
    type: 'incident',
    priorityWeights: [1, 6, 3],
    isOutage: false,
    tags: ['login', 'account'],
    koreanTags: ['로그인'],
    productArea: 'account',
    fields: [],
    weight: { shopper: 8, business: 5 },
  },
  {
    key: 'bug',
    teamKey: 'technical',
    topic: 'bug',
    type: 'problem',
    priorityWeights: [2, 6, 2],
    isOutage: false,
    tags: ['bug'],
    koreanTags: ['버그'],
    productArea: 'app',
    fields: ['version'],
    weight: { shopper: 5, business: 8 },
  },
  {
    key: 'feature_request',
    teamKey: 'technical',
    topic: 'feature',
    type: 'task',
    priorityWeights: [7, 3, 0],
    isOutage: false,
    tags: ['feature_request'],
    koreanTags: ['기능제안'],
    productArea: 'app',
    fields: [],
    weight: { shopper: 3, business: 8 },
  },
  {
    key: 'account_deletion',
    teamKey: 'tier1',
    topic: 'account',
    type: 'task',
    priorityWeights: [3, 7, 0],
    isOutage: false,
    tags: ['account', 'privacy'],
    koreanTags: ['탈퇴'],
    productArea: 'account',
    fields: [],
    weight: { shopper: 3, business: 1 },
  },
  {
    key: 'invoice',
    teamKey: 'billing',
    topic: 'billing',
    type: 'task',
    priorityWeights: [3, 7, 0],
    isOutage: false,
    tags: ['invoice', 'billing'],
    koreanTags: ['세금계산서'],
    productArea: 'business',
    fields: ['order'],
    weight: { shopper: 1, business: 9 },
  },
  {
    key: 'outage',
    teamKey: 'technical',
    topic: 'bug',
    type: 'incident',
    priorityWeights: [0, 0, 0],
    isOutage: true,
    tags: ['outage'],
    koreanTags: ['장애'],
    productArea: 'app',
    fields: [],
    weight: { shopper: 2, business: 4 },
  },
];

/**
 * How tickets of each status are spread: their share of all tickets and how old they are
 * (days before `now`, drawn denser towards the recent end). New tickets are hours old,
 * closed ones have had time to close after being solved.
 */
export const STATUS_PLANS: [Status, { share: number; ageDays: [min: number, max: number] }][] = [
  ['new', { share: 0.1, ageDays: [0, 3] }],
  ['open', { share: 0.3, ageDays: [0, 35] }],
  ['pending', { share: 0.15, ageDays: [0.1, 40] }],
  ['on_hold', { share: 0.05, ageDays: [1, 60] }],
  ['solved', { share: 0.3, ageDays: [0, 90] }],
  ['closed', { share: 0.1, ageDays: [5, 90] }],
];

export const CHANNEL_WEIGHTS: [DemoTicket['channel'], number][] = [
  ['email', 38],
  ['chat', 24],
  ['web', 16],
  ['phone', 10],
  ['api', 6],
  ['social', 6],
];

export type StepKind =
  | 'opening'
  | 'followUp'
  | 'answer'
  | 'nudge'
  | 'thanks'
  | 'reply'
  | 'question'
  | 'resolution'
  | 'holdReply'
  | 'note'
  | 'holdNote';

/** Where a step's text comes from: the ticket's chosen opening or question, or a phrase list. */
export type PhraseSource =
  | { thread: 'opening' | 'question' | 'answer' }
  | { scenario: 'followUps' | 'replies' | 'resolutions' | 'notes' }
  | { shared: keyof SharedPhrases };

/**
 * Who writes each kind of message, how long after the previous one it usually comes, and
 * where its text comes from. `note` steps are internal; the others are public.
 */
export const STEP_RULES: Record<
  StepKind,
  { by: 'requester' | 'assignee' | 'note'; gapMinutes: [min: number, max: number]; phrases: PhraseSource }
> = {
  opening: { by: 'requester', gapMinutes: [0, 0], phrases: { thread: 'opening' } },
  followUp: { by: 'requester', gapMinutes: [20, 1_440], phrases: { scenario: 'followUps' } },
  answer: { by: 'requester', gapMinutes: [10, 720], phrases: { thread: 'answer' } },
  nudge: { by: 'requester', gapMinutes: [120, 2_880], phrases: { shared: 'nudges' } },
  thanks: { by: 'requester', gapMinutes: [10, 1_440], phrases: { shared: 'thanks' } },
  reply: { by: 'assignee', gapMinutes: [5, 480], phrases: { scenario: 'replies' } },
  question: { by: 'assignee', gapMinutes: [5, 480], phrases: { thread: 'question' } },
  resolution: { by: 'assignee', gapMinutes: [10, 720], phrases: { scenario: 'resolutions' } },
  holdReply: { by: 'assignee', gapMinutes: [5, 480], phrases: { shared: 'holdReplies' } },
  note: { by: 'note', gapMinutes: [2, 180], phrases: { scenario: 'notes' } },
  holdNote: { by: 'note', gapMinutes: [1, 60], phrases: { shared: 'holdNotes' } },
};

/** Steps in order; each entry keeps its kinds with the given probability, all or none. */
export type ConversationShape = { weight: number; steps: [probability: number, ...kinds: StepKind[]][] };

/**
 * How a conversation in each status unfolds. The seed writer replays these, so they keep
 * its rules: new tickets hear only from the customer, pending ones end on an agent's
 * question, solved and closed ones always carry a public answer.
 */
// biome-ignore format: one shape per line reads as a table
export const CONVERSATION_SHAPES: Record<Status, ConversationShape[]> = {
  new: [{ weight: 1, steps: [[1, 'opening'], [0.3, 'nudge']] }],
  open: [
    { weight: 8, steps: [[1, 'opening'], [0.35, 'note'], [1, 'reply'], [0.55, 'followUp']] },
    { weight: 2, steps: [[1, 'opening'], [0.4, 'note'], [0.3, 'nudge']] },
  ],
  pending: [{ weight: 1, steps: [[1, 'opening'], [0.35, 'note'], [0.3, 'reply', 'followUp'], [1, 'question']] }],
  on_hold: [{ weight: 1, steps: [[1, 'opening'], [0.4, 'note'], [1, 'holdReply'], [1, 'holdNote']] }],
  solved: [
    { weight: 1, steps: [[1, 'opening'], [0.35, 'note'], [0.45, 'question', 'answer'], [1, 'resolution'], [0.7, 'thanks']] },
  ],
  closed: [
    { weight: 1, steps: [[1, 'opening'], [0.35, 'note'], [0.45, 'question', 'answer'], [1, 'resolution'], [0.8, 'thanks']] },
  ],
};
