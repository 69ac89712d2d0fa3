/**
 * The demo workspace `npm start` loads into an empty database: 한빛스토어 Hanbit Store, a
 * Korean/English online shop with a business console, about 150 customers and 500
 * conversations over the last 90 days.
 *
 * Pure and deterministic: everything is drawn from `seed` and `now` through a seeded PRNG,
 * so screenshots, docs and end-to-end tests can point at the same tickets, and the seed
 * writer can replay the content as if agents had worked it. The rules that writer relies
 * on (message order, who may write what in which status, assignees within their team) are
 * checked over every ticket by the test beside this file.
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
  STATUS_SHARES,
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
const HISTORY_DAYS = 90;
const CONTACT_COUNT = 150;
const KOREAN_CONTACT_SHARE = 0.6;
const VIP_SHARE = 0.08;
/** How far a ticket's status may stray from its place on the timeline, as a share of all tickets. */
const STATUS_TIMELINE_BLUR = 0.7;

export function buildDemoContent(options: { seed: number; now: Date; ticketCount?: number }): DemoContent {
  const { seed, now, ticketCount = 500 } = options;
  if (!Number.isInteger(ticketCount) || ticketCount < 0)
    throw new RangeError('ticketCount must be a whole number ≥ 0');
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const rng = createRng(seed);
  const contacts = buildContacts(rng, now);
  const requesters = contacts.map((contact): [Contact, number] => [contact, requesterWeight(rng, contact)]);
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
    const chosen =
      entries.find(([, weight]) => {
        remaining -= weight;
        return remaining < 0;
      }) ?? entries.at(-1);
    if (chosen === undefined) throw new Error('Cannot pick from an empty list');
    return chosen[0];
  };
  const shuffle = <T>(items: readonly T[]): T[] =>
    items
      .map((item) => ({ item, order: next() }))
      .sort((a, b) => a.order - b.order)
      .map(({ item }) => item);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick,
    weighted,
    shuffle,
  };
}

// ---- Contacts -----------------------------------------------------------------------------

type Person = { name: string; handle: string; language: Language };

function buildContacts(rng: Rng, now: Date): Contact[] {
  const koreanCount = Math.round(CONTACT_COUNT * KOREAN_CONTACT_SHARE);
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
  const place = rng.weighted(PLACES[person.language].map((p) => [p, p.weight] as const));
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

/** A few customers write a lot; VIPs write more than most. */
function requesterWeight(rng: Rng, contact: Contact): number {
  return (0.4 + 4 * rng.next() ** 3) * (contact.isVip ? 2 : 1);
}

// ---- Timeline -----------------------------------------------------------------------------

type TicketPlan = { createdAtMs: number; status: Status };

/** Creation times over the last 90 days, denser towards now, each with a status; oldest first. */
function planTimeline(rng: Rng, now: Date, count: number): TicketPlan[] {
  const minAgeMs = 15 * MINUTE_MS;
  const ageMs = () => Math.round(minAgeMs + (HISTORY_DAYS * DAY_MS - minAgeMs) * rng.next() ** 1.8);
  const times = Array.from({ length: count }, () => now.getTime() - ageMs()).sort((a, b) => a - b);
  return times
    .map((createdAtMs, index) => ({
      createdAtMs,
      rank: index / count + (rng.next() - 0.5) * STATUS_TIMELINE_BLUR,
    }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ createdAtMs }, index) => ({ createdAtMs, status: statusAt((index + 0.5) / count) }))
    .sort((a, b) => a.createdAtMs - b.createdAtMs);
}

function statusAt(fraction: number): Status {
  let reached = 0;
  const found = STATUS_SHARES.find(([, share]) => {
    reached += share;
    return fraction < reached;
  });
  return found?.[0] ?? 'new';
}

// ---- Tickets ------------------------------------------------------------------------------

type TicketInput = TicketPlan & { rng: Rng; nowMs: number; requesters: [Contact, number][] };

function buildTicket({ rng, status, createdAtMs, nowMs, requesters }: TicketInput): DemoTicket {
  const requester = rng.weighted(requesters);
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
  const context: StepContext = { rng, scenario, requester, assignee, teamKey, channel, slots };
  const steps = planSteps(rng, status);
  const times = scheduleSteps({ rng, steps, createdAtMs, nowMs, isChat: channel === 'chat', priority });
  return {
    subject: fill(rng.pick(phraseBook(language).scenarios[scenario.key].subjects), slots),
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
    messages: steps.map((kind, index) => ({
      ...writeStep(context, kind),
      at: new Date(times[index] ?? createdAtMs),
    })),
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
  return rng.weighted(
    (speakers.length > 0 ? speakers : members).map(
      (a) => [a, a.capacity * (a.topics.includes(topic) ? 3 : 1)] as const,
    ),
  );
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
  const orderedAt = new Date(day - rng.int(1, 12) * DAY_MS + rng.int(8 * 60, 23 * 60) * MINUTE_MS);
  const deliveryAt = new Date(orderedAt.getTime() + rng.int(2, 6) * DAY_MS);
  const appointmentAt = new Date(
    day + rng.int(1, 10) * DAY_MS + rng.pick([10, 11, 13, 14, 15, 16]) * 60 * MINUTE_MS,
  );
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
    appointment: format.appointment(new Date(appointmentAt.getTime() + rng.pick([0, 30]) * MINUTE_MS)),
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
};

function writeStep(context: StepContext, kind: StepKind): Omit<Message, 'at'> {
  const { rng, slots, assignee, requester } = context;
  const by = STEP_RULES[kind].by;
  if (by === 'note') return writeNote(context, kind);
  const book = phraseBook(requester.language);
  const body = fill(rng.pick(phrasesFor(book, context.scenario, kind)), slots);
  if (by === 'requester') {
    const hasSignoff = kind === 'opening' && context.channel === 'email' && rng.chance(0.6);
    const text = hasSignoff ? `${body}\n\n${fill(rng.pick(book.shared.customerSignoffs), slots)}` : body;
    return { author: { kind: 'contact', key: requester.key }, visibility: 'public', text };
  }
  if (assignee === null) throw new Error(`A ${kind} step needs an assignee`);
  const greeting = fill(rng.pick(book.shared.agentGreetings), slots);
  const closing = fill(rng.pick(book.shared.agentClosings), slots);
  // Chat and social replies are short; the other channels read like an email.
  const isShort = context.channel === 'chat' || context.channel === 'social';
  const text = isShort ? body : `${greeting}\n\n${body}\n\n${closing}`;
  return { author: { kind: 'agent', key: assignee.key }, visibility: 'public', text };
}

/** Notes come from the assignee or, now and then, a light agent of the team (the warehouse). */
function writeNote(context: StepContext, kind: StepKind): Omit<Message, 'at'> {
  const { rng, assignee, teamKey, requester } = context;
  const team = DEMO_AGENTS.filter((a) => teamKey !== null && a.teamKeys.includes(teamKey));
  const lightAgents = team.filter((a) => a.role === 'light_agent');
  const author = lightAgents.length > 0 && rng.chance(0.35) ? rng.pick(lightAgents) : assignee;
  if (author === null) throw new Error('A note needs an agent');
  const others = team.filter((a) => a !== author);
  const colleague = rng.pick(others.length > 0 ? others : DEMO_AGENTS.filter((a) => a !== author));
  // Colleagues write notes in a language they speak, which is not always the customer's.
  const language = author.languages.includes(requester.language) ? requester.language : author.languages[0];
  const template = rng.pick(phrasesFor(phraseBook(language === 'en' ? 'en' : 'ko'), context.scenario, kind));
  const text = fill(template, { ...context.slots, colleague: colleague.key });
  return { author: { kind: 'agent', key: author.key }, visibility: 'internal', text };
}

function phrasesFor(book: PhraseBook, scenario: Scenario, kind: StepKind): string[] {
  const source = STEP_RULES[kind].phrases;
  return 'scenario' in source ? book.scenarios[scenario.key][source.scenario] : book.shared[source.shared];
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
