/**
 * The demo workspace `npm start` loads into an empty database: 한빛스토어 Hanbit Store, a
 * Korean/English online shop with a business console, about 150 customers and 500
 * conversations over the last 90 days.
 *
 * Pure and deterministic: everything is drawn from `seed` and `now` through a seeded PRNG,
 * so screenshots, docs and end-to-end tests can point at the same tickets, and the seed
 * writer can replay the content as if agents had worked it. The rules that writer relies
 * on (message order, who may write what in which status, assignees within their team) are
 * checked over every ticket by the test beside this file. The data it draws from lives in
 * demo-directory.ts (people), demo-scenarios.ts (shapes) and demo-phrases-*.ts (words).
 */
import {
  COURIERS,
  DEMO_AGENTS,
  DEMO_CUSTOM_FIELDS,
  DEMO_ORGANIZATIONS,
  DEMO_PRODUCTS,
  DEMO_TEAMS,
  DEMO_WORKSPACE,
  ENGLISH_FIRST_NAMES,
  ENGLISH_LAST_NAMES,
  KOREAN_GIVEN_NAMES,
  KOREAN_SURNAMES,
  PAYMENT_ERROR_CODES,
  PLACES,
} from './demo-directory.ts';
import { ENGLISH_PHRASES } from './demo-phrases-en.ts';
import { KOREAN_PHRASES } from './demo-phrases-ko.ts';
import {
  CHANNEL_WEIGHTS,
  CONVERSATION_SHAPES,
  FIELD_KEYS,
  type FieldFact,
  type PhraseBook,
  SCENARIOS,
  type Scenario,
  STATUS_PLANS,
  STEP_RULES,
  type StepKind,
} from './demo-scenarios.ts';

export type DemoContent = {
  workspace: { name: string; slug: string };
  teams: { key: string; name: string; description: string }[];
  agents: {
    key: string;
    name: string;
    email: string;
    role: 'owner' | 'admin' | 'agent' | 'light_agent';
    teamKeys: string[];
    languages: string[];
    topics: string[];
    status: 'online' | 'away' | 'offline';
    capacity: number;
  }[];
  organizations: {
    key: string;
    name: string;
    domains: string[];
    attributes: Record<string, string | number | boolean>;
  }[];
  contacts: {
    key: string;
    name: string;
    emails: string[];
    phones: string[];
    externalIds: string[];
    language: 'ko' | 'en';
    timeZone: string;
    isVip: boolean;
    organizationKey: string | null;
    attributes: Record<string, string | number | boolean>;
  }[];
  customFields: {
    key: string;
    label: string;
    type: 'text' | 'number' | 'dropdown' | 'date' | 'checkbox';
    options: { value: string; label: string }[];
    required: boolean;
    description: string | null;
  }[];
  tickets: DemoTicket[];
};

export type DemoTicket = {
  subject: string;
  channel: 'email' | 'chat' | 'web' | 'phone' | 'api' | 'social';
  language: 'ko' | 'en';
  status: 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  type: 'question' | 'incident' | 'problem' | 'task' | null;
  tags: string[];
  customFields: Record<string, string | number | boolean | null>;
  requesterKey: string;
  assigneeKey: string | null;
  teamKey: string | null;
  createdAt: Date;
  messages: {
    author: { kind: 'contact'; key: string } | { kind: 'agent'; key: string };
    visibility: 'public' | 'internal';
    text: string;
    at: Date;
  }[];
};

type Language = DemoTicket['language'];
type Status = DemoTicket['status'];
type Contact = DemoContent['contacts'][number];
type Agent = DemoContent['agents'][number];
type Message = DemoTicket['messages'][number];
type Slots = Record<string, string>;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MIN_TICKET_AGE_MS = 15 * MINUTE_MS;
const CONTACT_COUNT = 150;
/** Of contacts and, through them, of tickets. */
const KOREAN_SHARE = 0.6;
const VIP_SHARE = 0.08;

export function buildDemoContent(options: { seed: number; now: Date; ticketCount?: number }): DemoContent {
  const { seed, now, ticketCount = 500 } = options;
  if (!Number.isInteger(ticketCount) || ticketCount < 0)
    throw new RangeError('ticketCount must be a whole number ≥ 0');
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const rng = createRng(seed);
  const contacts = buildContacts(rng, now);
  const requesters = weighRequesters(rng, contacts);
  const tickets = planTimeline(rng, now, ticketCount).map((plan) =>
    buildTicket({ rng, nowMs: now.getTime(), requesters, ...plan }),
  );
  // Copies, so a caller that edits its result cannot change the next one.
  return {
    workspace: { ...DEMO_WORKSPACE },
    teams: structuredClone(DEMO_TEAMS),
    agents: structuredClone(DEMO_AGENTS),
    organizations: structuredClone(DEMO_ORGANIZATIONS),
    contacts,
    customFields: structuredClone(DEMO_CUSTOM_FIELDS),
    tickets,
  };
}

// ---- Seeded randomness --------------------------------------------------------------------

type Rng = {
  next(): number;
  /** A whole number in [min, max], both ends included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: readonly T[]): T[];
};

/** mulberry32: a tiny 32-bit generator, plenty for demo data and never used for secrets. */
function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list');
    return item;
  };
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let remaining = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of entries) {
      remaining -= weight;
      if (remaining < 0) return value;
    }
    const last = entries.at(-1); // reached only through float rounding
    if (last === undefined) throw new Error('Cannot pick from an empty list');
    return last[0];
  };
  const shuffle = <T>(items: readonly T[]): T[] =>
    items
      .map((item) => ({ item, order: next() }))
      .sort((a, b) => a.order - b.order)
      .map(({ item }) => item);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, chance: (probability) => next() < probability, pick, weighted, shuffle };
}

// ---- Contacts -----------------------------------------------------------------------------

type Person = { name: string; handle: string; language: Language };

function buildContacts(rng: Rng, now: Date): Contact[] {
  const koreanCount = Math.round(CONTACT_COUNT * KOREAN_SHARE);
  const people = rng.shuffle([
    ...koreanPeople(rng, koreanCount),
    ...englishPeople(rng, CONTACT_COUNT - koreanCount),
  ]);
  const vips = new Set(rng.shuffle(people).slice(0, Math.round(CONTACT_COUNT * VIP_SHARE)));
  // Emails, phones and external ids share one set: their formats cannot collide with each other.
  const taken = new Set<string>();
  return people.map((person, index) =>
    buildContact({ rng, now, person, index, isVip: vips.has(person), taken }),
  );
}

function koreanPeople(rng: Rng, count: number): Person[] {
  const people = new Map<string, Person>();
  const surnames = KOREAN_SURNAMES.map(([hangul, roman, weight]) => [[hangul, roman], weight] as const);
  while (people.size < count) {
    const [surname, surnameRoman] = rng.weighted(surnames);
    const [given, givenRoman] = rng.pick(KOREAN_GIVEN_NAMES);
    people.set(surname + given, {
      name: surname + given,
      handle: `${givenRoman}.${surnameRoman}`,
      language: 'ko',
    });
  }
  return [...people.values()];
}

function englishPeople(rng: Rng, count: number): Person[] {
  const people = new Map<string, Person>();
  while (people.size < count) {
    const name = `${rng.pick(ENGLISH_FIRST_NAMES)} ${rng.pick(ENGLISH_LAST_NAMES)}`;
    people.set(name, { name, handle: name.replace(' ', '.').toLowerCase(), language: 'en' });
  }
  return [...people.values()];
}

type ContactInput = {
  rng: Rng;
  now: Date;
  person: Person;
  index: number;
  isVip: boolean;
  taken: Set<string>;
};

function buildContact({ rng, now, person, index, isVip, taken }: ContactInput): Contact {
  const isKorean = person.language === 'ko';
  const organization = rng.chance(0.5)
    ? rng.pick(DEMO_ORGANIZATIONS.filter((o) => (o.attributes.country === 'KR') === isKorean))
    : null;
  const domain = organization?.domains[0] ?? (isKorean ? 'example.kr' : 'example.com');
  const emails = [claim(taken, (attempt) => `${person.handle}${attempt || ''}@${domain}`)];
  if (rng.chance(0.2))
    emails.push(claim(taken, (attempt) => `${person.handle}${rng.int(70, 99) + attempt}@example.net`));
  const local = PLACES[person.language].filter((p) => p.country === organization?.attributes.country);
  const places = local.length > 0 ? local : PLACES[person.language];
  const place = rng.weighted(places.map((p) => [p, p.weight] as const));
  const phones = rng.chance(0.7)
    ? [claim(taken, () => rng.pick(place.phonePrefixes) + digits(rng, place.digits))]
    : [];
  return {
    key: `contact-${String(index + 1).padStart(3, '0')}`,
    name: person.name,
    emails,
    phones,
    externalIds: rng.chance(0.3) ? [claim(taken, () => `shop-${rng.int(10_000, 99_999)}`)] : [],
    language: person.language,
    timeZone: place.timeZone,
    isVip,
    organizationKey: organization?.key ?? null,
    attributes: {
      plan: organization
        ? String(organization.attributes.plan)
        : rng.weighted([
            ['free', 7],
            ['pro', 3],
          ] as const),
      lifetimeValue: (isKorean ? rng.int(30, 2_500) * 1_000 : rng.int(25, 2_200)) * (isVip ? 6 : 1),
      currency: isKorean ? 'KRW' : 'USD',
      orderCount: rng.int(1, 30) + (isVip ? 25 : 0),
      signupDate: new Date(now.getTime() - rng.int(120, 1_800) * DAY_MS).toISOString().slice(0, 10),
    },
  };
}

/** Makes values until one is free, then reserves it; `attempt` lets a maker vary a clash. */
function claim(taken: Set<string>, make: (attempt: number) => string): string {
  for (let attempt = 0; ; attempt++) {
    const value = make(attempt);
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

function digits(rng: Rng, count: number): string {
  return Array.from({ length: count }, () => rng.int(0, 9)).join('');
}

// ---- Tickets ------------------------------------------------------------------------------

type Requesters = Record<Language, [Contact, number][]>;

/** A few customers write a lot and VIPs more than most; grouped by language so tickets keep the 60/40 mix. */
function weighRequesters(rng: Rng, contacts: Contact[]): Requesters {
  const weighed = contacts.map((c): [Contact, number] => [
    c,
    (0.4 + 4 * rng.next() ** 3) * (c.isVip ? 2 : 1),
  ]);
  return {
    ko: weighed.filter(([c]) => c.language === 'ko'),
    en: weighed.filter(([c]) => c.language === 'en'),
  };
}

type TicketPlan = { createdAtMs: number; status: Status };

/** Each ticket's status, in exact shares, and creation time; oldest first. */
function planTimeline(rng: Rng, now: Date, count: number): TicketPlan[] {
  return Array.from({ length: count }, (_, index) => {
    const [status, { ageDays }] = statusPlanAt((index + 0.5) / count);
    const ageMs = (ageDays[0] + (ageDays[1] - ageDays[0]) * rng.next() ** 1.3) * DAY_MS;
    return { status, createdAtMs: now.getTime() - Math.round(Math.max(MIN_TICKET_AGE_MS, ageMs)) };
  }).sort((a, b) => a.createdAtMs - b.createdAtMs);
}

function statusPlanAt(fraction: number): (typeof STATUS_PLANS)[number] {
  let reached = 0;
  for (const plan of STATUS_PLANS) {
    reached += plan[1].share;
    if (fraction < reached) return plan;
  }
  return STATUS_PLANS.at(-1)!;
}

type TicketInput = TicketPlan & { rng: Rng; nowMs: number; requesters: Requesters };

function buildTicket({ rng, status, createdAtMs, nowMs, requesters }: TicketInput): DemoTicket {
  const requester = rng.weighted(requesters[rng.chance(KOREAN_SHARE) ? 'ko' : 'en']);
  const isBusiness = requester.organizationKey !== null;
  const scenario = rng.weighted(
    SCENARIOS.map((s) => [s, isBusiness ? s.weight.business : s.weight.shopper] as const),
  );
  const language = requester.language;
  const teamKey = chooseTeam({ rng, scenario, requester, status });
  const assignee =
    status === 'new' || teamKey === null
      ? null
      : chooseAssignee({ rng, teamKey, language, topic: scenario.topic });
  const channel = rng.weighted(CHANNEL_WEIGHTS);
  const priority = choosePriority({ rng, scenario, isVip: requester.isVip });
  const { slots, facts } = describeTicket({ rng, createdAtMs, requester, assignee, scenario });
  const phrases = phraseBook(language).scenarios[scenario.key];
  const [subject, opening] = rng.pick(phrases.openings);
  const [question, answer] = rng.pick(phrases.questions);
  const thread = { opening, question, answer };
  const context: StepContext = { rng, scenario, requester, assignee, teamKey, channel, slots, thread };
  return {
    subject: fill(rng.chance(0.7) ? subject : rng.pick(phrases.subjects), slots),
    channel,
    language,
    status,
    priority,
    type: status === 'new' && rng.chance(0.5) ? null : scenario.type,
    tags: ticketTags(scenario, requester),
    customFields: Object.fromEntries([
      ['product_area', scenario.productArea],
      ...scenario.fields.map((fact) => [FIELD_KEYS[fact], facts[fact]]),
    ]),
    requesterKey: requester.key,
    assigneeKey: assignee?.key ?? null,
    teamKey,
    createdAt: new Date(createdAtMs),
    messages: writeConversation({ context, status, createdAtMs, nowMs, priority }),
  };
}

type TeamInput = { rng: Rng; scenario: Scenario; requester: Contact; status: Status };

/** Half the new tickets are still untriaged; VIPs mostly land with VIP Care, except outages. */
function chooseTeam({ rng, scenario, requester, status }: TeamInput): string | null {
  if (status === 'new' && rng.chance(0.5)) return null;
  if (requester.isVip && !scenario.isOutage && rng.chance(0.7)) return 'vip';
  return scenario.teamKey;
}

type AssigneeInput = { rng: Rng; teamKey: string; language: Language; topic: string };

/** Like skill-based routing: team members who speak the language, weighted by capacity and topic. */
function chooseAssignee({ rng, teamKey, language, topic }: AssigneeInput): Agent {
  const members = DEMO_AGENTS.filter((a) => a.role !== 'light_agent' && a.teamKeys.includes(teamKey));
  const speakers = members.filter((a) => a.languages.includes(language));
  const pool = speakers.length > 0 ? speakers : members;
  return rng.weighted(pool.map((a) => [a, a.capacity * (a.topics.includes(topic) ? 3 : 1)] as const));
}

type PriorityInput = { rng: Rng; scenario: Scenario; isVip: boolean };

/** Outages are always urgent and nothing else is; VIPs are bumped one step. */
function choosePriority({ rng, scenario, isVip }: PriorityInput): DemoTicket['priority'] {
  if (scenario.isOutage) return 'urgent';
  const [low, normal, high] = scenario.priorityWeights;
  const priority = rng.weighted([
    ['low', low],
    ['normal', normal],
    ['high', high],
  ] as const);
  if (!isVip) return priority;
  return priority === 'low' ? 'normal' : 'high';
}

function ticketTags(scenario: Scenario, requester: Contact): string[] {
  const tags = [...scenario.tags, ...(requester.language === 'ko' ? scenario.koreanTags : [])];
  if (requester.isVip) tags.push('vip');
  const organization = DEMO_ORGANIZATIONS.find((o) => o.key === requester.organizationKey);
  if (organization?.attributes.plan === 'enterprise') tags.push('enterprise');
  return tags;
}

type DescribeInput = {
  rng: Rng;
  createdAtMs: number;
  requester: Contact;
  assignee: Agent | null;
  scenario: Scenario;
};

/**
 * The order, product and dates a ticket talks about, as text for the phrase slots and as
 * raw values for custom fields, so a delivery date reads the same in both. Every {slot}
 * the phrase books use is here, except {colleague}, which depends on a note's author.
 */
function describeTicket({ rng, createdAtMs, requester, assignee, scenario }: DescribeInput) {
  const language = requester.language;
  const format = phraseBook(language).format;
  const created = new Date(createdAtMs + format.utcOffsetMinutes * MINUTE_MS);
  const day = Date.UTC(created.getUTCFullYear(), created.getUTCMonth(), created.getUTCDate());
  // Orders are 4-12 days old and were promised 2-3 days after ordering, so a promise is always broken by now.
  const orderedAt = new Date(day - rng.int(4, 12) * DAY_MS + rng.int(8 * 60, 23 * 60) * MINUTE_MS);
  const deliveryAt = new Date(orderedAt.getTime() + rng.int(2, 3) * DAY_MS);
  const appointmentAt = day + rng.int(1, 6) * DAY_MS + rng.pick([600, 690, 780, 840, 930, 960]) * MINUTE_MS;
  const product = rng.pick(DEMO_PRODUCTS);
  const price = product.price[language];
  const refund =
    scenario.key === 'partial_refund' ? format.roundMoney((price * rng.int(10, 40)) / 100) : price;
  const facts: Record<FieldFact, string | number | boolean> = {
    order: `HB${orderedAt.toISOString().slice(2, 10).replaceAll('-', '')}-${rng.int(10_000, 99_999)}`,
    refund,
    delivery: deliveryAt.toISOString().slice(0, 10),
    warranty: rng.chance(0.8),
    version: `5.${rng.int(8, 14)}.${rng.int(0, 9)}`,
  };
  const slots: Slots = {
    name: format.addressAs(requester.name),
    email: requester.emails[0] ?? '',
    agent: assignee ? format.signature(assignee) : '',
    product: product.name[language],
    amount: format.money(price),
    refund: format.money(refund),
    order: String(facts.order),
    date: format.day(orderedAt),
    delivery: format.day(deliveryAt),
    eta: format.day(new Date(day + rng.int(1, 3) * DAY_MS)),
    deadline: format.day(new Date(day + rng.int(2, 5) * DAY_MS)),
    appointment: format.appointment(new Date(appointmentAt)),
    rebooked: format.appointment(
      new Date(appointmentAt + rng.int(2, 7) * DAY_MS + rng.pick([-60, 60, 120]) * MINUTE_MS),
    ),
    month: format.month(new Date(Date.UTC(created.getUTCFullYear(), created.getUTCMonth() - 1, 1))),
    courier: rng.pick(COURIERS[language]),
    tracking: language === 'ko' ? digits(rng, 12) : `1Z${digits(rng, 16)}`,
    code: rng.pick(PAYMENT_ERROR_CODES),
    version: String(facts.version),
    issue: String(rng.int(1_200, 4_800)),
  };
  return { slots, facts };
}

// ---- Messages -----------------------------------------------------------------------------

type ConversationInput = {
  context: StepContext;
  status: Status;
  createdAtMs: number;
  nowMs: number;
  priority: DemoTicket['priority'];
};

function writeConversation({ context, status, createdAtMs, nowMs, priority }: ConversationInput): Message[] {
  const { rng, channel } = context;
  const steps = planSteps(rng, status);
  const times = scheduleSteps({ rng, steps, createdAtMs, nowMs, isChat: channel === 'chat', priority });
  return steps.map((kind, index) => {
    const isFirstReply = !steps.slice(0, index).some((earlier) => STEP_RULES[earlier].by === 'assignee');
    return { ...writeStep(context, { kind, isFirstReply }), at: new Date(times[index] ?? createdAtMs) };
  });
}

function planSteps(rng: Rng, status: Status): StepKind[] {
  const shape = rng.weighted(CONVERSATION_SHAPES[status].map((s) => [s, s.weight] as const));
  return shape.steps.flatMap(([probability, ...kinds]) => (rng.chance(probability) ? kinds : []));
}

type ScheduleInput = {
  rng: Rng;
  steps: StepKind[];
  createdAtMs: number;
  nowMs: number;
  isChat: boolean;
  priority: DemoTicket['priority'];
};

/** The first message opens the ticket; the rest follow in order and squeeze in before `now`. */
function scheduleSteps({ rng, steps, createdAtMs, nowMs, isChat, priority }: ScheduleInput): number[] {
  const agentPace = priority === 'urgent' || priority === 'high' ? 0.3 : 1;
  const gaps = steps.slice(1).map((kind) => {
    const { by, gapMinutes } = STEP_RULES[kind];
    return rng.int(...gapMinutes) * MINUTE_MS * (by === 'assignee' ? agentPace : 1) * (isChat ? 0.05 : 1);
  });
  // Leave a few minutes before `now`: the seed writer changes the status a minute after the last message.
  const roomMs = nowMs - createdAtMs - 5 * MINUTE_MS;
  const totalMs = gaps.reduce((sum, gap) => sum + gap, 0);
  const scale = totalMs > roomMs ? roomMs / totalMs : 1;
  const times = [createdAtMs];
  for (const gap of gaps)
    times.push((times.at(-1) ?? createdAtMs) + Math.max(1_000, Math.round(gap * scale)));
  return times;
}

type StepContext = {
  rng: Rng;
  scenario: Scenario;
  requester: Contact;
  assignee: Agent | null;
  teamKey: string | null;
  channel: DemoTicket['channel'];
  slots: Slots;
  /** The opening and the question-and-answer this ticket's conversation is about. */
  thread: { opening: string; question: string; answer: string };
};

type Step = { kind: StepKind; isFirstReply: boolean };

function writeStep(context: StepContext, step: Step): Omit<Message, 'at'> {
  const by = STEP_RULES[step.kind].by;
  if (by === 'requester') return writeCustomerMessage(context, step.kind);
  if (by === 'assignee') return writeAgentReply(context, step);
  return writeNote(context, step.kind);
}

function writeCustomerMessage(context: StepContext, kind: StepKind): Omit<Message, 'at'> {
  const { rng, slots, requester } = context;
  const book = phraseBook(requester.language);
  let text = fill(pickPhrase(context, book, kind), slots);
  if (kind === 'opening' && rng.chance(0.4)) text = `${rng.pick(book.shared.customerGreetings)}\n\n${text}`;
  if (kind === 'opening' && context.channel === 'email' && rng.chance(0.6)) {
    text = `${text}\n\n${fill(rng.pick(book.shared.customerSignoffs), slots)}`;
  }
  return { author: { kind: 'contact', key: requester.key }, visibility: 'public', text };
}

/** Chat and social replies are bare; elsewhere the first reply reads like a full email, later ones shorter. */
function writeAgentReply(context: StepContext, { kind, isFirstReply }: Step): Omit<Message, 'at'> {
  const { rng, slots, assignee } = context;
  if (assignee === null) throw new Error(`A ${kind} step needs an assignee`);
  const book = phraseBook(context.requester.language);
  const body = fill(pickPhrase(context, book, kind), slots);
  const greeting = fill(rng.pick(book.shared.agentGreetings), slots);
  const closing = fill(rng.pick(book.shared.agentClosings), slots);
  let text = `${body}\n\n${closing}`;
  if (context.channel === 'chat' || context.channel === 'social') text = body;
  else if (isFirstReply) text = `${greeting}\n\n${body}\n\n${closing}`;
  return { author: { kind: 'agent', key: assignee.key }, visibility: 'public', text };
}

/** Notes come from the assignee or, now and then, a light agent of the team (the warehouse). */
function writeNote(context: StepContext, kind: StepKind): Omit<Message, 'at'> {
  const { rng, assignee, teamKey, requester } = context;
  const team = DEMO_AGENTS.filter((a) => teamKey !== null && a.teamKeys.includes(teamKey));
  const lightAgents = team.filter((a) => a.role === 'light_agent');
  const author = lightAgents.length > 0 && rng.chance(0.35) ? rng.pick(lightAgents) : assignee;
  if (author === null) throw new Error('A note needs an agent');
  // Colleagues write notes in a language they speak, which is not always the customer's.
  const otherLanguage = requester.language === 'ko' ? 'en' : 'ko';
  const language = author.languages.includes(requester.language) ? requester.language : otherLanguage;
  const others = DEMO_AGENTS.filter((a) => a !== author && a.languages.includes(language));
  const teammates = others.filter((a) => team.includes(a));
  const colleague = rng.pick(teammates.length > 0 ? teammates : others);
  const template = pickPhrase(context, phraseBook(language), kind);
  const text = fill(template, { ...context.slots, colleague: colleague.key });
  return { author: { kind: 'agent', key: author.key }, visibility: 'internal', text };
}

function pickPhrase(context: StepContext, book: PhraseBook, kind: StepKind): string {
  const source = STEP_RULES[kind].phrases;
  if ('thread' in source) return context.thread[source.thread];
  if ('scenario' in source) return context.rng.pick(book.scenarios[context.scenario.key][source.scenario]);
  return context.rng.pick(book.shared[source.shared]);
}

function phraseBook(language: Language): PhraseBook {
  return language === 'ko' ? KOREAN_PHRASES : ENGLISH_PHRASES;
}

function fill(template: string, slots: Slots): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = slots[name];
    if (value === undefined) throw new Error(`Demo phrase uses unknown slot {${name}}`);
    return value;
  });
}
