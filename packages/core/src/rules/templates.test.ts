import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { customFields, makeFacts } from './facts.fixture.ts';
import {
  renderTemplate,
  selectLocalizedText,
  type TemplateContext,
  templateContextOf,
  templatePlaceholderNames,
  validateTemplate,
} from './templates.ts';

const context: TemplateContext = {
  ticket: {
    id: 't1',
    number: 1042,
    subject: 'Card <declined> & "retried"',
    status: 'open',
    priority: 'high',
    customFields: { order_number: 'A-42', amount: 0, gift: false },
  },
  requester: { name: 'Ada Lovelace', email: 'ada@example.com', attributes: { plan: 'Enterprise' } },
  organization: { name: "O'Reilly & Sons" },
  agent: { name: 'Grace Hopper' },
};

describe('renderTemplate', () => {
  const cases: { template: string; expected: string; format?: 'text' | 'html' }[] = [
    { template: 'Hi {{requester.firstName}}, ticket #{{ticket.number}}.', expected: 'Hi Ada, ticket #1042.' },
    { template: '{{ requester.name }} / {{agent.firstName}}', expected: 'Ada Lovelace / Grace' },
    {
      template:
        'Order {{ticket.customFields.order_number}}, amount {{ticket.customFields.amount}}, gift {{ticket.customFields.gift}}',
      expected: 'Order A-42, amount 0, gift false',
    },
    { template: 'Plan {{requester.attributes.plan}}', expected: 'Plan Enterprise' },
    {
      template: 'Missing: [{{ticket.customFields.unknown}}] [{{requester.attributes.none}}]',
      expected: 'Missing: [] []',
    },
    { template: 'Re: {{ticket.subject}}', expected: 'Re: Card <declined> & "retried"' },
    {
      template: '<p>Re: {{ticket.subject}} from {{organization.name}}</p>',
      format: 'html',
      expected: '<p>Re: Card &lt;declined&gt; &amp; &quot;retried&quot; from O&#39;Reilly &amp; Sons</p>',
    },
    { template: 'No placeholders, {single} braces', expected: 'No placeholders, {single} braces' },
    { template: '{{constructor.name}} {{ticket.constructor}}', expected: ' ' },
  ];
  for (const { template, expected, format } of cases) {
    it(`${format ?? 'text'}: ${template}`, () =>
      assert.equal(
        renderTemplate(template, context, { locale: 'en', ...(format ? { format } : {}) }),
        expected,
      ));
  }

  it('addresses Korean names whole', () => {
    const korean = { requester: { name: '김민수' } };
    assert.equal(renderTemplate('{{requester.firstName}} 님', korean, { locale: 'ko' }), '김민수 님');
  });

  it('renders nothing for a missing section', () => {
    assert.equal(renderTemplate('[{{agent.name}}]', {}, { locale: 'en' }), '[]');
  });
});

describe('selectLocalizedText', () => {
  const variants = { en: 'Hello', ko: '안녕하세요', 'pt-BR': 'Olá' };
  const cases: [locale: string, expected: string, text?: Record<string, string>][] = [
    ['ko', '안녕하세요'],
    ['ko-KR', '안녕하세요'],
    ['EN', 'Hello'],
    ['pt-BR', 'Olá'],
    ['pt-PT', 'Olá'],
    ['ja', 'Hello'],
    ['ja', '안녕하세요', { ko: '안녕하세요' }],
  ];
  for (const [locale, expected, text] of cases) {
    it(`${locale} → ${expected}`, () =>
      assert.equal(selectLocalizedText(text ?? variants, locale), expected));
  }
  it('renders the chosen variant', () => {
    assert.equal(
      renderTemplate({ en: 'Hi {{requester.name}}', ko: '{{requester.name}} 님' }, context, { locale: 'ko' }),
      'Ada Lovelace 님',
    );
  });
});

describe('validateTemplate', () => {
  const cases: {
    template: string | Record<string, string>;
    errors: { pointer: string; message: string }[];
  }[] = [
    {
      template:
        'Hi {{requester.firstName}} #{{ticket.number}} {{ticket.customFields.order_number}} {{requester.attributes.plan}}',
      errors: [],
    },
    {
      template: 'Hi {{requester.nickname}}',
      errors: [{ pointer: '/body', message: "Unknown placeholder '{{requester.nickname}}'." }],
    },
    {
      template: '{{ticket.customFields.colour}}',
      errors: [
        { pointer: '/body', message: "Unknown custom field 'colour' in '{{ticket.customFields.colour}}'." },
      ],
    },
    {
      template: 'Hi {{requester.name',
      errors: [{ pointer: '/body', message: "A '{{' has no matching '}}'." }],
    },
    {
      template: '{{}} and {{ticket number}}',
      errors: [
        { pointer: '/body', message: "'{{}}' is not a placeholder name." },
        { pointer: '/body', message: "'{{ticket number}}' is not a placeholder name." },
      ],
    },
    {
      template: { en: 'ok {{ticket.number}}', ko: '{{ticket.numbr}}' },
      errors: [{ pointer: '/body/ko', message: "Unknown placeholder '{{ticket.numbr}}'." }],
    },
  ];
  for (const { template, errors } of cases) {
    it(JSON.stringify(template), () =>
      assert.deepEqual(validateTemplate(template, { customFields, pointer: '/body' }), errors),
    );
  }

  it('lists the names an editor can offer', () => {
    const names = templatePlaceholderNames(customFields);
    assert.ok(names.includes('requester.firstName'));
    assert.ok(names.includes('ticket.customFields.order_number'));
    for (const name of names) assert.deepEqual(validateTemplate(`{{${name}}}`, { customFields }), []);
  });
});

describe('templateContextOf', () => {
  it('takes placeholders from the facts', () => {
    const rendered = renderTemplate(
      '{{ticket.number}} {{requester.firstName}} {{agent.name}} {{organization.name}} {{ticket.customFields.order_number}}',
      templateContextOf(makeFacts()),
      { locale: 'en' },
    );
    assert.equal(rendered, '1042 Ada Grace Hopper Analytical Engines A-42');
  });
});
