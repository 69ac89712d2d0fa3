/**
 * Presence and collision detection between two agents, each in their own browser context
 * (own session cookie, own agent WebSocket) against one in-process server with the realtime
 * bus: Mina (English) and Adam (Korean) open the same ticket, see each other viewing, see
 * replying while the other writes, and a reply sent meanwhile holds back the other's first
 * ⌘/Ctrl+Enter behind a warning. Needs packages/web/dist (`npm test` builds it when stale).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { defaultWebDistDir } from '../packages/server/src/modules/web-app/web-app.routes.ts';
import {
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
} from '../packages/server/test/support/test-app.ts';
import { launchChromium } from './support/chromium.ts';

type Message = { bodyText: string; visibility: string; authorType: string; authorId: string };

describe('agent app: presence and collision warnings between two agents', () => {
  let t: TestContext;
  let browser: Browser;
  let mina: Page; // t.ws.agent, '김민아 Mina', English UI
  let adam: Page; // t.ws.admin, 'Adam Admin', Korean UI
  let baseUrl: string;
  let ticketId: string;
  const pageErrors: string[] = [];
  // Adam's socket passes through the test, which can drop its message.added frames to stand
  // for a notification that has not arrived yet.
  let dropAdamsNewMessages = false;

  const messages = async (): Promise<Message[]> => {
    const res = await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticketId}/messages`);
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { data: Message[] }).data;
  };

  const signInAndOpen = async (locale: string, email: string, filter = false): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, locale });
    if (filter) {
      await context.routeWebSocket(/\/api\/v1\/realtime$/, (route: WebSocketRoute) => {
        const server = route.connectToServer();
        server.onMessage((message) => {
          if (dropAdamsNewMessages && String(message).includes('"message.added"')) return;
          route.send(message);
        });
      });
    }
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${baseUrl}/`);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(TEST_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.locator('.list-pane').waitFor();
    await page.goto(`${baseUrl}/#/open/${ticketId}`);
    await page.locator('.ticket-header h2', { hasText: 'Double charge' }).waitFor();
    return page;
  };

  before(async () => {
    assert.ok(existsSync(join(defaultWebDistDir, 'index.html')), 'build the app first: npm run build:web');
    t = await createTestContext({}, { realtime: true });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await t.call(t.ws.agent.token, 'POST', '/api/v1/tickets', {
      subject: 'Double charge',
      requester: { email: 'payer@example.com', name: 'Pat Payer' },
      message: { bodyText: 'I was charged twice.' },
    });
    assert.ok(res.statusCode < 300, res.body);
    ticketId = (res.json() as { id: string }).id;
    browser = await launchChromium();
    mina = await signInAndOpen('en-US', t.ws.agent.email);
    adam = await signInAndOpen('ko-KR', t.ws.admin.email, true);
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('each agent sees the other viewing the ticket, never themselves', async () => {
    await mina.locator('.presence', { hasText: 'Adam Admin is viewing' }).waitFor();
    await adam.locator('.presence', { hasText: '김민아 Mina 님이 보는 중' }).waitFor();
    assert.equal(await mina.locator('.presence').getAttribute('aria-live'), 'polite');
    assert.doesNotMatch((await mina.locator('.presence').textContent()) ?? '', /Mina/);
    assert.doesNotMatch((await adam.locator('.presence').textContent()) ?? '', /Adam/);
  });

  test('typing in the composer shows the other agent "replying"', async () => {
    await adam.keyboard.press('r');
    await adam.keyboard.type('이중 결제를 확인하고 있습니다.');
    await mina.locator('.presence-replying', { hasText: 'Adam Admin is replying' }).waitFor();
  });

  test('a reply sent meanwhile holds back the first send behind a warning; the second press sends', async () => {
    await mina.keyboard.press('r');
    await mina.keyboard.type('Refunded the second charge.');
    await mina.keyboard.press('Control+Enter');
    await mina.locator('.message-agent:not(.pending)', { hasText: 'Refunded the second charge.' }).waitFor();
    await adam.locator('.presence', { hasText: '김민아 Mina 님이 답장 작성 중' }).waitFor();

    // Adam's first ⌘/Ctrl+Enter only warns (in Korean, with Mina's name); nothing is sent.
    await adam.keyboard.press('Control+Enter');
    const warning = adam.locator('.collision-warning[role="alert"]');
    await warning.locator('p', { hasText: '한 번 더 누르세요' }).waitFor();
    assert.match((await warning.textContent()) ?? '', /김민아 Mina 님이 .* 답장했습니다/);
    assert.ok(!(await messages()).some((m) => m.bodyText.startsWith('이중 결제')), 'the first press sent');
    assert.equal(await adam.evaluate<string | null>('document.activeElement?.getAttribute("name")'), 'body');
    assert.equal(await adam.locator('textarea[name="body"]').inputValue(), '이중 결제를 확인하고 있습니다.');

    // The second press sends, as a public reply by Adam; the warning goes away.
    await adam.keyboard.press('Control+Enter');
    await adam
      .locator('.message-agent:not(.pending)', { hasText: '이중 결제를 확인하고 있습니다.' })
      .waitFor();
    await warning.waitFor({ state: 'detached' });
    const sent = (await messages()).find((m) => m.bodyText === '이중 결제를 확인하고 있습니다.');
    assert.equal(sent?.visibility, 'public');
    assert.equal(sent?.authorId, t.ws.admin.id);
  });

  test('a reply the socket never announced is found at send time and warns first', async () => {
    // Mina writes again but Adam's socket drops the news: only the comparison with the
    // server's list at send time can catch it.
    dropAdamsNewMessages = true;
    await adam.keyboard.type('추가로 확인했습니다.');
    const res = await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${ticketId}/messages`, {
      bodyText: 'One more note to the customer.',
      visibility: 'public',
    });
    assert.ok(res.statusCode < 300, res.body);
    await adam.keyboard.press('Control+Enter');
    await adam.locator('.collision-warning p', { hasText: '한 번 더 누르세요' }).waitFor();
    // Without a name from the socket, the warning still says an agent replied.
    assert.match((await adam.locator('.collision-warning').textContent()) ?? '', /다른 상담원이/);
    await adam.locator('.message-agent', { hasText: 'One more note to the customer.' }).waitFor();
    assert.ok(!(await messages()).some((m) => m.bodyText === '추가로 확인했습니다.'), 'the first press sent');
    await adam.locator('.collision-warning button').click();
    await adam.locator('.message-agent:not(.pending)', { hasText: '추가로 확인했습니다.' }).waitFor();
    dropAdamsNewMessages = false;
  });

  test('an internal note does not warn', async () => {
    await adam.keyboard.type('고객에게 환불 안내');
    await t.call(t.ws.agent.token, 'POST', `/api/v1/tickets/${ticketId}/messages`, {
      bodyText: 'Internal: refund approved.',
      visibility: 'internal',
    });
    await adam.locator('.message-note', { hasText: 'Internal: refund approved.' }).waitFor();
    await adam.keyboard.press('Control+Enter');
    await adam.locator('.message-agent:not(.pending)', { hasText: '고객에게 환불 안내' }).waitFor();
    assert.equal(await adam.locator('.collision-warning').count(), 0);
  });

  test('leaving the ticket removes the presence at once', async () => {
    await mina.locator('textarea[name="body"]').blur();
    await mina.keyboard.press('u');
    await mina.locator('.ticket-view').waitFor({ state: 'detached' });
    await adam.locator('.presence-entry').waitFor({ state: 'detached' });
    assert.deepEqual(pageErrors, []);
  });
});
