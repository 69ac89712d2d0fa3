import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { ChannelDto, TicketDto } from '@switchboard/core';
import type { LightMyRequestResponse } from 'fastify';
import { issueFormToken } from '../src/modules/web-form/form-token.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let form: ChannelDto;
let secret: string;
before(async () => {
  t = await createTestContext({
    SWITCHBOARD_WEB_FORM_SUBMISSIONS_PER_HOUR: '3',
    SWITCHBOARD_WEB_FORM_MAX_FILE_BYTES: '2048',
    // inject() connects from 127.0.0.1, here a trusted proxy: each test sends its own client
    // address in X-Forwarded-For, as a load balancer would.
    SWITCHBOARD_TRUST_PROXY: '127.0.0.1',
  });
  const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/channels', {
    kind: 'web_form',
    name: 'Website contact form',
  });
  assert.equal(res.statusCode, 201, res.body);
  form = res.json();
  secret = (
    await t.deps.db
      .selectFrom('channels')
      .select('secret')
      .where('id', '=', form.id)
      .executeTakeFirstOrThrow()
  ).secret;
});
after(async () => {
  await t?.close();
});

let ipCounter = 0;
/** Each test posts from an address of its own, so the hourly limit of 3 never crosses tests. */
const freshIp = () => `198.51.100.${++ipCounter}`;
/** A token as the form would have issued it `ageMs` ago (the minimum fill time is 2 s). */
const tokenAged = (ageMs: number, channelId = form.id) =>
  issueFormToken(secret, channelId, Date.now() - ageMs);

type FilePart = { name: string; filename: string; contentType: string; content: Buffer };
function multipart(fields: Record<string, string>, files: FilePart[] = []) {
  const boundary = `----switchboard${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const validFields = () => ({
  token: tokenAged(5_000),
  website: '',
  name: '김하늘',
  email: 'haneul@example.kr',
  subject: '환불 요청',
  message: '지난주에 주문한 상품을 환불하고 싶습니다.',
});

async function submit(
  fields: Record<string, string>,
  options: { files?: FilePart[]; ip?: string; query?: string; slug?: string } = {},
): Promise<LightMyRequestResponse> {
  const body = multipart(fields, options.files);
  return t.app.inject({
    method: 'POST',
    url: `/support/${options.slug ?? 'acme'}/contact${options.query ?? ''}`,
    headers: { 'content-type': body.contentType, 'x-forwarded-for': options.ip ?? freshIp() },
    payload: body.payload,
  });
}

const countTickets = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('workspace_id', '=', t.ws.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

const ticketByNumber = async (n: string): Promise<TicketDto> =>
  (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/by-number/${n}`)).json();

function assertHtmlPage(res: LightMyRequestResponse, status: number) {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /form-action 'self'/);
  assert.doesNotMatch(csp, /script-src/);
}

describe('the contact form page', () => {
  test('renders an accessible Korean form by default, English by ?lang or Accept-Language', async () => {
    const ko = await t.app.inject({ method: 'GET', url: '/support/acme/contact' });
    assertHtmlPage(ko, 200);
    assert.match(ko.body, /<html lang="ko">/);
    assert.match(ko.body, /<title>문의하기 – Workspace acme<\/title>/);
    assert.match(ko.body, /<meta name="description" content="[^"]+">/);
    for (const field of ['name', 'email', 'subject', 'message']) {
      assert.match(ko.body, new RegExp(`<label for="${field}">`));
      assert.match(ko.body, new RegExp(`id="${field}" name="${field}" required`));
    }
    assert.match(ko.body, /enctype="multipart\/form-data"/);
    assert.match(ko.body, /<input type="hidden" name="token" value="\d+\.[\w-]{43}">/);
    assert.doesNotMatch(ko.body, /<script/);

    const en = await t.app.inject({ method: 'GET', url: '/support/acme/contact?lang=en' });
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /<title>Contact us – Workspace acme<\/title>/);
    const negotiated = await t.app.inject({
      method: 'GET',
      url: '/support/acme/contact',
      headers: { 'accept-language': 'fr-FR, en-US;q=0.8, ko;q=0.5' },
    });
    assert.match(negotiated.body, /<html lang="en">/);
  });

  test('an unknown workspace, an unknown or disabled form answers a 404 page', async () => {
    assertHtmlPage(await t.app.inject({ method: 'GET', url: '/support/nope/contact' }), 404);
    assertHtmlPage(
      await t.app.inject({ method: 'GET', url: `/support/acme/contact?form=${randomUUID()}` }),
      404,
    );
    assertHtmlPage(await t.app.inject({ method: 'GET', url: '/support/acme/contact?form=<x>' }), 404);
    const other = await t.addWorkspace('initech');
    assertHtmlPage(await t.app.inject({ method: 'GET', url: '/support/initech/contact' }), 404);
    const off = await t.call(other.admin.token, 'POST', '/api/v1/channels', {
      kind: 'web_form',
      name: 'Off',
      enabled: false,
    });
    assertHtmlPage(
      await t.app.inject({ method: 'GET', url: `/support/initech/contact?form=${off.json().id}` }),
      404,
    );
    // The acme form is not reachable through another workspace's address.
    assertHtmlPage(
      await t.app.inject({ method: 'GET', url: `/support/initech/contact?form=${form.id}` }),
      404,
    );
  });
});

describe('submitting the contact form', () => {
  test('opens a web ticket with the channel name and the files, and thanks with the ticket number', async () => {
    const res = await submit(validFields(), {
      files: [
        {
          name: 'files',
          filename: 'receipt.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('%PDF-1.4 receipt'),
        },
        { name: 'files', filename: '', contentType: 'application/octet-stream', content: Buffer.alloc(0) },
      ],
    });
    assertHtmlPage(res, 200);
    const number = /접수 번호는 #(\d+)입니다/.exec(res.body)?.[1];
    assert.ok(number, res.body);
    const ticket = await ticketByNumber(number);
    assert.equal(ticket.channel, 'web');
    assert.equal(ticket.subject, '환불 요청');
    assert.equal(ticket.language, 'ko');
    assert.deepEqual(ticket.source, { channelId: form.id, name: 'Website contact form' });
    const messages = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json()
      .data;
    assert.equal(messages.length, 1);
    assert.equal(messages[0].channel, 'web');
    assert.equal(messages[0].bodyText, '지난주에 주문한 상품을 환불하고 싶습니다.');
    assert.deepEqual(
      messages[0].attachments.map((a: { filename: string }) => a.filename),
      ['receipt.pdf'],
    );
    const contact = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${ticket.requesterId}`)).json();
    assert.equal(contact.name, '김하늘');
    assert.deepEqual(contact.emails, ['haneul@example.kr']);
  });

  test('a URL-encoded submission without files works too, in English', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/support/acme/contact?lang=en',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshIp() },
      payload: new URLSearchParams({ ...validFields(), subject: 'Invoice copy' }).toString(),
    });
    assertHtmlPage(res, 200);
    assert.match(res.body, /Your request number is #\d+/);
  });

  test('a filled honeypot pretends success, stores nothing and is counted', async () => {
    const before = await countTickets();
    const res = await submit({ ...validFields(), website: 'https://spam.example' });
    assertHtmlPage(res, 200);
    assert.match(res.body, /문의해 주셔서 감사합니다/);
    assert.doesNotMatch(res.body, /접수 번호/);
    assert.equal(await countTickets(), before);
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.match(metrics.body, /switchboard_web_form_rejected_total\{reason="honeypot"\} 1/);
  });

  test('a form sent under 2 seconds, expired or forged is refused with a friendly message and the input kept', async () => {
    const before = await countTickets();
    const page = await t.app.inject({ method: 'GET', url: '/support/acme/contact?lang=en' });
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const fast = await submit({ ...validFields(), token }, { query: '?lang=en' });
    assertHtmlPage(fast, 422);
    assert.match(fast.body, /The form was sent too quickly/);
    assert.match(fast.body, /value="haneul@example.kr"/);
    assert.match(fast.body, /지난주에 주문한 상품을 환불하고 싶습니다.<\/textarea>/);

    const expired = await submit({ ...validFields(), token: tokenAged(25 * 3600 * 1000) });
    assertHtmlPage(expired, 422);
    assert.match(expired.body, /양식이 만료되었습니다/);
    const forged = await submit({ ...validFields(), token: `${Date.now() - 10_000}.${'A'.repeat(43)}` });
    assert.match(forged.body, /양식이 만료되었습니다/);
    const otherChannel = await submit({ ...validFields(), token: tokenAged(5_000, randomUUID()) });
    assert.match(otherChannel.body, /양식이 만료되었습니다/);
    const missing = await submit({ ...validFields(), token: '' });
    assertHtmlPage(missing, 422);
    assert.equal(await countTickets(), before);
  });

  test('invalid input re-renders the form with messages next to the fields, HTML escaped', async () => {
    const before = await countTickets();
    const res = await submit(
      {
        ...validFields(),
        name: '',
        email: 'not-an-email"><script>alert(1)</script>',
        subject: '<img src=x onerror=alert(1)>',
        message: '</textarea><script>alert(2)</script>',
      },
      { query: '?lang=en' },
    );
    assertHtmlPage(res, 422);
    assert.match(res.body, /<p class="error" id="name-error">This field is required.<\/p>/);
    assert.match(res.body, /<p class="error" id="email-error">Enter a valid email address.<\/p>/);
    assert.match(
      res.body,
      /id="name" name="name" required aria-required="true" aria-invalid="true" aria-describedby="name-error"/,
    );
    assert.match(res.body, /role="alert"/);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.doesNotMatch(res.body, /<img src=x/);
    assert.match(res.body, /value="not-an-email&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.match(res.body, /value="&lt;img src=x onerror=alert\(1\)&gt;"/);
    assert.match(res.body, /&lt;\/textarea&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;<\/textarea>/);
    assert.equal(await countTickets(), before);
  });

  test('a message at the length limit is accepted whole, one character more is refused', async () => {
    const longest = '가'.repeat(20_000);
    const ok = await submit({ ...validFields(), message: longest });
    assertHtmlPage(ok, 200);
    const number = /접수 번호는 #(\d+)/.exec(ok.body)?.[1] ?? '';
    const ticket = await ticketByNumber(number);
    const [message] = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json()
      .data;
    assert.equal(message.bodyText, longest);
    const tooLong = await submit({ ...validFields(), message: `${longest}나` }, { query: '?lang=en' });
    assertHtmlPage(tooLong, 422);
    assert.match(tooLong.body, /<p class="error" id="message-error">Use at most 20000 characters.<\/p>/);
  });

  test('HTML in a valid submission is stored as text, never as markup', async () => {
    const res = await submit({
      ...validFields(),
      subject: '<b>bold</b> request',
      message: '<script>x()</script> hi',
    });
    assertHtmlPage(res, 200);
    const number = /접수 번호는 #(\d+)/.exec(res.body)?.[1] ?? '';
    const ticket = await ticketByNumber(number);
    assert.equal(ticket.subject, '<b>bold</b> request');
    const [message] = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json()
      .data;
    assert.equal(message.bodyText, '<script>x()</script> hi');
    assert.doesNotMatch(message.bodyHtml, /<script>/);
  });

  test('an oversize file, too many files or a forbidden type are refused next to the file field', async () => {
    const before = await countTickets();
    const big = await submit(validFields(), {
      query: '?lang=en',
      files: [
        {
          name: 'files',
          filename: 'big.pdf',
          contentType: 'application/pdf',
          content: Buffer.alloc(4096, 1),
        },
      ],
    });
    assertHtmlPage(big, 422);
    assert.match(big.body, /<p class="error" id="files-error">Each file may be at most 1 MB.<\/p>/);
    const file = (i: number): FilePart => ({
      name: 'files',
      filename: `f${i}.txt`,
      contentType: 'text/plain',
      content: Buffer.from(`file ${i}`),
    });
    const many = await submit(validFields(), { query: '?lang=en', files: [1, 2, 3, 4, 5, 6].map(file) });
    assertHtmlPage(many, 422);
    assert.match(many.body, /Attach at most 5 files./);
    const exe = await submit(validFields(), {
      query: '?lang=en',
      files: [
        {
          name: 'files',
          filename: 'setup.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('MZ\x90\x00'),
        },
      ],
    });
    assertHtmlPage(exe, 422);
    assert.match(exe.body, /Files of this type cannot be attached./);
    assert.equal(await countTickets(), before);
  });

  test('one address may submit a limited number of times per hour', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) assertHtmlPage(await submit(validFields(), { ip }), 200);
    const limited = await submit(validFields(), { ip });
    assertHtmlPage(limited, 429);
    assert.match(limited.body, /짧은 시간에 너무 많은 문의가 접수되었습니다/);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assertHtmlPage(await submit(validFields(), { ip: freshIp() }), 200);
  });
});
