/**
 * Fixed people and settings of the demo workspace: teams, agents, customer organisations,
 * custom fields, and the name, product and phone pools the generator draws contacts and
 * ticket details from. Kept as plain data so the generator in demo-content.ts stays short.
 *
 * Domains use the reserved `.example` TLD (RFC 2606) so a demo that is wired to a real SMTP
 * server can never mail a real company.
 */
import type { DemoContent } from './demo-content.ts';

export const DEMO_WORKSPACE: DemoContent['workspace'] = { name: '한빛스토어 Hanbit Store', slug: 'demo' };

export const DEMO_TEAMS: DemoContent['teams'] = [
  {
    key: 'tier1',
    name: '1차 지원 / Tier 1 Support',
    description:
      'First response for every new conversation: orders, accounts, bookings. 모든 신규 문의의 첫 응답.',
  },
  {
    key: 'billing',
    name: '결제·환불 / Billing & Refunds',
    description: 'Payments, refunds, invoices and tax receipts. 결제 오류, 환불, 세금계산서.',
  },
  {
    key: 'logistics',
    name: '배송 / Logistics',
    description:
      'Delivery delays, address changes and returns, together with the warehouse. 배송 지연, 배송지 변경.',
  },
  {
    key: 'technical',
    name: '기술지원 / Technical',
    description: 'Bugs, outages, login and 2FA problems, feature requests. 버그, 장애, 로그인 문제.',
  },
  {
    key: 'vip',
    name: 'VIP 케어 / VIP Care',
    description: 'Named agents for VIP customers and enterprise accounts. VIP 고객 전담 케어.',
  },
];

type DemoAgent = DemoContent['agents'][number];
/** Lists inside a row are space-separated so each agent stays on one line. */
type AgentRow = [
  handle: string,
  name: string,
  role: DemoAgent['role'],
  teamKeys: string,
  languages: string,
  topics: string,
  status: DemoAgent['status'],
  capacity: number,
];

// The owner comes first: it is the account the README tells people to log in with, and
// it sits in two teams so that "my tickets" is not empty on the first visit.
const AGENT_ROWS: AgentRow[] = [
  ['admin', '관리자 Admin', 'owner', 'tier1 technical', 'ko en', 'account bug login', 'online', 10],
  ['mina.kim', '김미나', 'admin', 'tier1 vip', 'ko en', 'refund order account', 'online', 30],
  ['daniel.brooks', 'Daniel Brooks', 'admin', 'technical', 'en', 'bug feature login', 'online', 20],
  ['junho.lee', '이준호', 'agent', 'billing', 'ko', 'billing refund', 'online', 35],
  ['seoyeon.park', '박서연', 'agent', 'logistics', 'ko', 'shipping order', 'online', 40],
  ['emily.carter', 'Emily Carter', 'agent', 'tier1 billing', 'en', 'billing refund account', 'online', 30],
  ['haneul.jung', '정하늘', 'agent', 'technical', 'ko en', 'bug login feature', 'away', 25],
  ['yujin.choi', '최유진', 'agent', 'tier1', 'ko', 'appointment order login account', 'online', 35],
  ['sophie.whitfield', 'Sophie Whitfield', 'agent', 'logistics vip', 'en', 'shipping order', 'away', 25],
  ['jaehee.yoon', '윤재희', 'agent', 'billing vip', 'ko en', 'billing refund', 'offline', 20],
  ['marcus.bell', 'Marcus Bell', 'agent', 'tier1', 'en', 'appointment order shipping', 'offline', 30],
  ['seungwoo.oh', '오승우', 'agent', 'technical', 'ko', 'bug login', 'online', 25],
  // A warehouse colleague: light agents may read tickets and add internal notes, never reply.
  ['jiwoo.han', '한지우', 'light_agent', 'logistics', 'ko', 'shipping', 'online', 10],
];

export const DEMO_AGENTS: DemoContent['agents'] = AGENT_ROWS.map(
  ([handle, name, role, teamKeys, languages, topics, status, capacity]) => ({
    key: handle,
    name,
    email: `${handle}@switchboard.demo`,
    role,
    teamKeys: teamKeys.split(' '),
    languages: languages.split(' '),
    topics: topics.split(' '),
    status,
    capacity,
  }),
);

type OrganizationRow = [
  key: string,
  name: string,
  domains: string,
  plan: 'free' | 'pro' | 'enterprise',
  seats: number,
  industry: string,
  country: string,
];

const ORGANIZATION_ROWS: OrganizationRow[] = [
  ['nuri-tech', '누리테크', 'nuritech.example', 'enterprise', 120, 'software', 'KR'],
  ['bareun-design', '바른디자인', 'bareun-design.example', 'pro', 18, 'design', 'KR'],
  ['hangyeol-trading', '한결물산', 'hangyeol.example', 'pro', 35, 'wholesale', 'KR'],
  ['seoul-coffee-lab', '서울커피랩', 'seoulcoffeelab.example', 'free', 6, 'food', 'KR'],
  [
    'daon-healthcare',
    '다온헬스케어',
    'daonhealth.example daon-care.example',
    'enterprise',
    240,
    'healthcare',
    'KR',
  ],
  ['mirae-academy', '미래아카데미', 'mirae-academy.example', 'pro', 42, 'education', 'KR'],
  ['byeolbit-studio', '별빛스튜디오', 'byeolbit.example', 'free', 4, 'media', 'KR'],
  ['haneul-logis', '하늘로지스', 'haneul-logis.example', 'enterprise', 85, 'logistics', 'KR'],
  ['green-table', '초록식탁', 'greentable.example', 'pro', 12, 'food', 'KR'],
  ['northwind', 'Northwind Traders', 'northwind.example', 'enterprise', 300, 'retail', 'US'],
  ['bluebird-labs', 'Bluebird Labs', 'bluebirdlabs.example', 'pro', 25, 'software', 'US'],
  ['harbor-co', 'Harbor & Co.', 'harborco.example', 'pro', 14, 'hospitality', 'GB'],
  [
    'kestrel-health',
    'Kestrel Health',
    'kestrel.example kestrelhealth.example',
    'enterprise',
    150,
    'healthcare',
    'US',
  ],
  ['maple-finch', 'Maple & Finch Studio', 'maplefinch.example', 'free', 3, 'design', 'AU'],
  ['tidewater-learning', 'Tidewater Learning', 'tidewater.example', 'pro', 40, 'education', 'SG'],
];

/** Korean organisations (country KR) get Korean-speaking contacts, the rest English-speaking ones. */
export const DEMO_ORGANIZATIONS: DemoContent['organizations'] = ORGANIZATION_ROWS.map(
  ([key, name, domains, plan, seats, industry, country]) => ({
    key,
    name,
    domains: domains.split(' '),
    attributes: { plan, seats, industry, country },
  }),
);

export const DEMO_CUSTOM_FIELDS: DemoContent['customFields'] = [
  {
    key: 'order_number',
    label: 'Order number / 주문번호',
    type: 'text',
    options: [],
    required: false,
    description: 'Shop order number, e.g. HB250312-48213.',
  },
  {
    key: 'refund_amount',
    label: 'Refund amount / 환불 금액',
    type: 'number',
    options: [],
    required: false,
    description: 'In the order currency: KRW for the Korean store, USD for the global store.',
  },
  {
    key: 'product_area',
    label: 'Product area / 문의 영역',
    type: 'dropdown',
    options: [
      { value: 'orders', label: 'Orders / 주문' },
      { value: 'payments', label: 'Payments / 결제' },
      { value: 'shipping', label: 'Shipping / 배송' },
      { value: 'account', label: 'Account / 계정' },
      { value: 'app', label: 'App & website / 앱·웹' },
      { value: 'booking', label: 'Service bookings / 예약' },
      { value: 'business', label: 'Business console / 비즈니스 콘솔' },
    ],
    required: true,
    description: 'Set by the routing rules on arrival; used by reports.',
  },
  {
    key: 'delivery_date',
    label: 'Promised delivery date / 도착 예정일',
    type: 'date',
    options: [],
    required: false,
    description: null,
  },
  {
    key: 'warranty',
    label: 'Under warranty / 보증 기간 내',
    type: 'checkbox',
    options: [],
    required: false,
    description: null,
  },
  {
    key: 'app_version',
    label: 'App version / 앱 버전',
    type: 'text',
    options: [],
    required: false,
    description: 'From the in-app report or asked by the agent.',
  },
];

/**
 * Surname, the romanisation people actually use in email addresses, and a weight close to
 * how common the name is (per mille), so the contact list has as many 김 and 이 as a real one.
 */
export const KOREAN_SURNAMES: readonly (readonly [hangul: string, roman: string, weight: number])[] = [
  ['김', 'kim', 215],
  ['이', 'lee', 147],
  ['박', 'park', 84],
  ['최', 'choi', 47],
  ['정', 'jung', 43],
  ['강', 'kang', 23],
  ['조', 'cho', 21],
  ['윤', 'yoon', 21],
  ['장', 'jang', 20],
  ['임', 'lim', 16],
  ['한', 'han', 15],
  ['오', 'oh', 15],
  ['서', 'seo', 15],
  ['신', 'shin', 15],
  ['권', 'kwon', 14],
  ['황', 'hwang', 14],
  ['안', 'ahn', 13],
  ['송', 'song', 13],
  ['류', 'ryu', 12],
  ['홍', 'hong', 11],
];

export const KOREAN_GIVEN_NAMES: readonly (readonly [hangul: string, roman: string])[] = splitPairs(
  '민준:minjun 서연:seoyeon 지호:jiho 서윤:seoyun 도윤:doyun 지우:jiwoo 하준:hajun 하은:haeun 은우:eunwoo 수아:sua 시우:siwoo 지민:jimin 예준:yejun 채원:chaewon 유진:yujin 현우:hyunwoo 지훈:jihoon 수빈:subin 태윤:taeyoon 다은:daeun 준서:junseo 예린:yerin 승민:seungmin 소율:soyul 건우:geonwoo 나연:nayeon 우진:woojin 혜진:hyejin 동현:donghyun 가은:gaeun',
);

export const ENGLISH_FIRST_NAMES: readonly string[] = words(
  'Emma James Olivia Liam Sophia Noah Ava Ethan Mia Lucas Charlotte Oliver Amelia Jack Harper Daniel Grace Henry Chloe Samuel Isla Leo Zoe Ryan Hannah Owen Nora Caleb Ruby Priya',
);

export const ENGLISH_LAST_NAMES: readonly string[] = words(
  'Smith Johnson Brown Taylor Wilson Davies Evans Thomas Walker Wright Clarke Hughes Martin Nguyen Garcia Miller Anderson Patel Lewis Young Park Chen Tanaka Murphy',
);

type Place = {
  country: string;
  timeZone: string;
  weight: number;
  phonePrefixes: readonly string[];
  digits: number;
};

/**
 * Where contacts live (contacts of an organisation live in its country) and how their
 * numbers start in E.164; `digits` random digits follow the prefix. US, UK and AU prefixes
 * sit in the ranges those regulators reserve for fiction (555-01xx, 07700 900xxx, 0491 570xxx).
 */
// biome-ignore format: one place per line reads as a table
export const PLACES: { ko: readonly Place[]; en: readonly Place[] } = {
  ko: [
    { country: 'KR', timeZone: 'Asia/Seoul', weight: 94, phonePrefixes: ['+82102', '+82103', '+82104', '+82105', '+82109'], digits: 7 },
    { country: 'US', timeZone: 'America/Los_Angeles', weight: 4, phonePrefixes: ['+121355501'], digits: 2 },
    { country: 'JP', timeZone: 'Asia/Tokyo', weight: 2, phonePrefixes: ['+82106', '+82107'], digits: 7 },
  ],
  en: [
    { country: 'US', timeZone: 'America/Los_Angeles', weight: 25, phonePrefixes: ['+121355501', '+141555501'], digits: 2 },
    { country: 'US', timeZone: 'America/New_York', weight: 20, phonePrefixes: ['+121255501', '+164655501'], digits: 2 },
    { country: 'US', timeZone: 'America/Chicago', weight: 8, phonePrefixes: ['+131255501'], digits: 2 },
    { country: 'GB', timeZone: 'Europe/London', weight: 18, phonePrefixes: ['+447700900'], digits: 3 },
    { country: 'DE', timeZone: 'Europe/Berlin', weight: 7, phonePrefixes: ['+4915550'], digits: 6 },
    { country: 'AU', timeZone: 'Australia/Sydney', weight: 10, phonePrefixes: ['+61491570'], digits: 3 },
    { country: 'SG', timeZone: 'Asia/Singapore', weight: 12, phonePrefixes: ['+659'], digits: 7 },
  ],
};

/** What the shop sells, priced for the Korean store (KRW) and the global one (USD). */
export type Product = { name: { ko: string; en: string }; price: { ko: number; en: number } };

const PRODUCT_ROWS: [korean: string, english: string, krw: number, usd: number][] = [
  ['Hanbit Buds Pro 무선 이어폰', 'Hanbit Buds Pro earbuds', 189_000, 149],
  ['스마트워치 Fit 3', 'Fit 3 smartwatch', 259_000, 199],
  ['블루투스 스피커 미니', 'Mini Bluetooth speaker', 59_000, 45],
  ['공기청정기 에어 S', 'Air S air purifier', 329_000, 249],
  ['로봇청소기 R7', 'R7 robot vacuum', 549_000, 429],
  ['기계식 키보드 K8', 'K8 mechanical keyboard', 129_000, 99],
  ['27인치 QHD 모니터', '27-inch QHD monitor', 349_000, 279],
  ['보조배터리 20000mAh', '20,000 mAh power bank', 39_000, 32],
  ['전동칫솔 클린', 'Clean electric toothbrush', 69_000, 55],
  ['캠핑 체어 2개 세트', 'Trailhead camping chairs, set of 2', 89_000, 79],
  ['스테인리스 텀블러 세트', 'Hanbit steel tumbler set', 32_000, 28],
  ['무선 충전 패드', 'Hanbit wireless charging pad', 29_000, 24],
];

export const DEMO_PRODUCTS: readonly Product[] = PRODUCT_ROWS.map(([korean, english, krw, usd]) => ({
  name: { ko: korean, en: english },
  price: { ko: krw, en: usd },
}));

export const COURIERS: { ko: readonly string[]; en: readonly string[] } = {
  ko: ['CJ대한통운', '한진택배', '롯데택배', '우체국택배'],
  en: ['UPS', 'FedEx', 'DHL Express', 'USPS'],
};

/** Error codes our payment gateway (PG사) returns; 5003, the one the docs talk about, is listed twice to come up more. */
export const PAYMENT_ERROR_CODES: readonly string[] = ['5003', '5003', '5001', '3011', '4012'];

/** Space-separated words to a list; keeps long name pools on a few lines. */
function words(text: string): string[] {
  return text.split(' ');
}

/** `'민준:minjun 서연:seoyeon'` to pairs. */
function splitPairs(text: string): [string, string][] {
  return text.split(' ').map((pair) => {
    const [hangul = '', roman = ''] = pair.split(':');
    return [hangul, roman];
  });
}
