/**
 * The messenger widget in headless Chromium against a running `switchboard start`: a shop's
 * page on another origin embeds the script tag; the visitor writes in Korean, an agent reads
 * the ticket and answers through the REST API, and the answer appears in the widget. Then
 * the network fails in the two ways that matter: an answer lost after the server stored the
 * message (the resend must not duplicate it), and the server going away and coming back (the
 * widget reconnects and delivers what was written meanwhile, once). Last, an identified
 * user with a valid hash. Runs on both passes: PGlite in the data directory, or PostgreSQL.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import {
  createScratchDatabase,
  type Instance,
  runCli,
  type ScratchDatabase,
  startInstance,
} from './support/instances.ts';

const onPostgres = process.env.SWITCHBOARD_TEST_ENGINE === 'postgres';

type Json = Record<string, unknown>;
type PageGlobals = { getComputedStyle(element: unknown): { backgroundColor: string } };
type TicketMessage = { id: string; bodyText: string; authorType: string; visibility: string };

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Polls `read` until `done` holds for its value; the deadline only turns a hang into a message. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

describe('messenger widget in Chromium', { timeout: 240_000 }, () => {
  let scratch: ScratchDatabase | null = null;
  let dataDir = '';
  let env: Record<string, string> = {};
  let instance: Instance | null = null;
  let port = 0;
  let server = '';
  let token = '';
  let workspaceKey = '';
  let identitySecret = '';
  let shop: Server;
  let shopUrl = '';
  let browser: Browser;

  const api = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const response = await fetch(`${server}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Json) : {};
  };
  const chatTickets = async () =>
    (await api('GET', '/tickets?channel=chat&sort=createdAt')).data as { id: string; requesterId: string }[];
  const messagesOf = async (ticketId: string) =>
    (await api('GET', `/tickets/${ticketId}/messages`)).data as TicketMessage[];

  async function start() {
    instance = await startInstance('messenger', { ...env, SWITCHBOARD_PORT: String(port) });
  }

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-messenger-'));
    env = { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('hex') };
    if (onPostgres) {
      scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL ?? '', 'sb_e2e_messenger');
      env.DATABASE_URL = scratch.url;
    }
    runCli(
      [
        'admin',
        'create',
        '--email',
        'lead@shop.test',
        '--name',
        '김민아 Mina',
        '--password',
        'a-long-password-1',
      ],
      env,
    );
    token = runCli(['token', 'create', '--email', 'lead@shop.test'], env).trim();
    port = await freePort();
    await start();
    server = instance?.url ?? '';
    const settings = await api('PUT', '/messenger/settings', {
      brandColor: '#0f766e',
      greeting: { ko: '안녕하세요! 무엇을 도와드릴까요?', en: 'Hi! How can we help?' },
      preChat: { name: 'optional', email: 'off' },
    });
    workspaceKey = String(settings.workspaceKey);
    identitySecret = String((await api('POST', '/messenger/settings/rotate-secret')).identitySecret);

    shop = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://shop');
      const user = url.searchParams.get('user');
      const identify = user
        ? `<script>
            window.Switchboard = window.Switchboard || function () { (window.Switchboard.q = window.Switchboard.q || []).push(arguments); };
            Switchboard('identify', ${JSON.stringify({
              id: user,
              hash: createHmac('sha256', identitySecret).update(user).digest('hex'),
              name: '이지은',
            })});
          </script>`
        : '';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html lang="ko"><head><title>가게</title>
        <style>button { background: red !important; font-size: 40px; }</style></head>
        <body><h1>우리 가게</h1>${identify}
        <script src="${server}/widget.js" data-workspace="${workspaceKey}" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    const address = shop.address();
    shopUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (shop ? shop.close(resolve) : resolve(null)));
    await instance?.stop();
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function openWidget(path = '/'): Promise<Page> {
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    await page.goto(shopUrl + path);
    await page.getByRole('button', { name: '채팅 상담 열기' }).click();
    await page.getByRole('dialog', { name: '채팅 상담' }).waitFor();
    return page;
  }

  let page: Page;
  let ticketId = '';

  test('a visitor writes in Korean; the agent reads the ticket, answers, and the answer appears', async () => {
    page = await openWidget();
    const dialog = page.getByRole('dialog', { name: '채팅 상담' });
    await dialog.getByText('안녕하세요! 무엇을 도와드릴까요?').waitFor();
    const launcherColour = await page
      .locator('#switchboard-messenger .launcher')
      // Runs in the page, where getComputedStyle exists (the test's own types have no DOM lib).
      .evaluate((button) => (globalThis as unknown as PageGlobals).getComputedStyle(button).backgroundColor);
    assert.equal(launcherColour, 'rgb(15, 118, 110)', 'brand colour, untouched by the page’s styles');
    await dialog.getByLabel('이름 (선택)').fill('박서연');
    await dialog.getByLabel('메시지').fill('주문한 상품이 아직 도착하지 않았어요. 확인 부탁드립니다.');
    await dialog.getByLabel('메시지').press('Enter');
    await dialog.getByText('주문한 상품이 아직 도착하지 않았어요. 확인 부탁드립니다.').waitFor();

    const [ticket] = await eventually(chatTickets, (list) => list.length === 1, 'the chat ticket');
    ticketId = ticket?.id ?? '';
    const [first] = await messagesOf(ticketId);
    assert.equal(first?.bodyText, '주문한 상품이 아직 도착하지 않았어요. 확인 부탁드립니다.');
    const contact = await api('GET', `/contacts/${ticket?.requesterId}`);
    assert.equal(contact.name, '박서연');

    await api('POST', `/messenger/conversations/${ticketId}/typing`);
    await dialog.getByText('김민아님이 입력 중…').waitFor();
    await api('POST', `/tickets/${ticketId}/messages`, {
      bodyText: '내부 메모: 배송사 확인 필요',
      visibility: 'internal',
    });
    await api('POST', `/tickets/${ticketId}/messages`, {
      bodyText: '안녕하세요, 박서연 고객님. 배송 상태를 확인해 보겠습니다.',
    });
    await dialog.getByText('안녕하세요, 박서연 고객님. 배송 상태를 확인해 보겠습니다.').waitFor();
    assert.equal(await dialog.getByText('내부 메모').count(), 0);

    await api('POST', `/messenger/conversations/${ticketId}/read`, { messageId: first?.id });
    await dialog.getByText('읽음').waitFor();
  });

  test('Enter while a Korean syllable is being composed only confirms it; the next Enter sends', async () => {
    const dialog = page.getByRole('dialog', { name: '채팅 상담' });
    const box = dialog.getByLabel('메시지');
    await box.focus();
    const cdp = await page.context().newCDPSession(page);
    const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };
    await cdp.send('Input.imeSetComposition', { text: '네', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...enter });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter });
    const before = (await messagesOf(ticketId)).length;
    assert.equal(await dialog.locator('.pending').count(), 0, 'nothing sent mid-composition');
    assert.equal(await box.inputValue(), '네', 'the composition stays in the box');
    await cdp.send('Input.insertText', { text: '네' });
    assert.equal(await box.inputValue(), '네');
    await box.press('Enter');
    const after = await eventually(
      async () => (await messagesOf(ticketId)).map((m) => m.bodyText),
      (texts) => texts.includes('네'),
      'the confirmed syllable to be sent',
    );
    assert.equal(after.length, before + 1, 'sent once, by the second Enter only');
    assert.equal(await box.inputValue(), '');
    await cdp.detach();
  });

  test('an answer lost after the server stored the message: the resend does not duplicate it', async () => {
    const dialog = page.getByRole('dialog', { name: '채팅 상담' });
    let lost = 0;
    await page.route('**/messenger/v1/conversations/*/messages', async (route) => {
      if (route.request().method() !== 'POST' || lost > 0) return route.continue();
      lost += 1;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await dialog.getByLabel('메시지').fill('주문번호는 A-1024입니다.');
    await dialog.getByRole('button', { name: '보내기' }).click();
    await eventually(
      async () => dialog.locator('.pending').count(),
      (n) => n === 0,
      'the resend to be confirmed',
    );
    assert.equal(lost, 1);
    const texts = (await messagesOf(ticketId)).map((m) => m.bodyText);
    assert.equal(texts.filter((t) => t === '주문번호는 A-1024입니다.').length, 1, JSON.stringify(texts));
    assert.equal(await dialog.getByText('주문번호는 A-1024입니다.').count(), 1);
    await page.unrouteAll();
  });

  test('the server goes away and comes back: the widget reconnects and delivers once', async () => {
    const dialog = page.getByRole('dialog', { name: '채팅 상담' });
    await instance?.stop();
    instance = null;
    await dialog.getByText('연결이 끊겼습니다. 다시 연결하는 중…').waitFor();
    await dialog.getByLabel('메시지').fill('혹시 오늘 안에 받을 수 있을까요?');
    await dialog.getByRole('button', { name: '보내기' }).click();
    await dialog.getByText('연결되면 보냅니다').waitFor();

    await start();
    await eventually(
      async () => (await messagesOf(ticketId)).map((m) => m.bodyText),
      (texts) => texts.includes('혹시 오늘 안에 받을 수 있을까요?'),
      'the message written offline',
    );
    await eventually(
      async () => dialog.locator('.pending').count(),
      (n) => n === 0,
      'the outbox to empty',
    );
    await api('POST', `/tickets/${ticketId}/messages`, { bodyText: '네, 오늘 오후 6시 전에 도착합니다.' });
    await dialog.getByText('네, 오늘 오후 6시 전에 도착합니다.').waitFor();

    const visitorTexts = (await messagesOf(ticketId))
      .filter((m) => m.authorType === 'contact')
      .map((m) => m.bodyText);
    assert.deepEqual(visitorTexts, [
      '주문한 상품이 아직 도착하지 않았어요. 확인 부탁드립니다.',
      '네',
      '주문번호는 A-1024입니다.',
      '혹시 오늘 안에 받을 수 있을까요?',
    ]);
    assert.equal(await dialog.getByText('혹시 오늘 안에 받을 수 있을까요?').count(), 1);
    await page.context().close();
  });

  test('an identified user with a valid hash chats as their own contact', async () => {
    const identified = await openWidget('/?user=shop-user-77');
    const dialog = identified.getByRole('dialog', { name: '채팅 상담' });
    assert.equal(await dialog.getByLabel('이름 (선택)').count(), 0, 'no pre-chat form for identified users');
    await dialog.locator('input[type=file]').setInputFiles({
      name: '영수증.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7\n영수증 12,000원\n'),
    });
    await dialog.getByRole('button', { name: '영수증.pdf 첨부 취소' }).waitFor();
    await dialog.getByLabel('메시지').fill('로그인한 상태로 문의드려요. 영수증 첨부합니다.');
    await dialog.getByLabel('메시지').press('Enter');
    const tickets = await eventually(chatTickets, (list) => list.length === 2, 'the second chat ticket');
    const ticket = tickets.find((t) => t.id !== ticketId);
    const contact = await api('GET', `/contacts/${ticket?.requesterId}`);
    assert.equal(contact.name, '이지은');
    assert.equal(JSON.stringify(contact).includes('shop-user-77'), true, JSON.stringify(contact));
    const [message] = (await api('GET', `/tickets/${ticket?.id}/messages`)).data as {
      attachments: { filename: string; contentType: string }[];
    }[];
    assert.deepEqual(
      message?.attachments.map((a) => [a.filename, a.contentType]),
      [['영수증.pdf', 'application/pdf']],
    );
    await dialog.getByRole('button', { name: /영수증\.pdf/ }).waitFor();
    await api('POST', `/tickets/${ticket?.id}/messages`, { bodyText: '이지은 고객님, 안녕하세요!' });
    await dialog.getByText('이지은 고객님, 안녕하세요!').waitFor();

    await dialog.getByLabel('메시지').press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await api('POST', `/tickets/${ticket?.id}/messages`, { bodyText: '영수증 확인했습니다.' });
    await identified.getByRole('button', { name: '채팅 상담 열기, 읽지 않은 메시지 1개' }).click();
    await dialog.getByText('영수증 확인했습니다.').waitFor();
    assert.equal(await identified.locator('#switchboard-messenger .badge').count(), 0);
    await identified.context().close();
  });
});
