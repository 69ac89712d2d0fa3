/**
 * Macros and canned responses from the keyboard, in headless Chromium against an in-process
 * server: `m` opens the macro picker, typing filters it, Enter applies the macro (status,
 * priority and tags change on screen and on the server); a stale version shows the conflict
 * and keeps the search; ⌘/Ctrl+/ in the composer inserts a canned response rendered by the
 * server at the cursor; Korean IME composition in the picker's search never picks or jumps.
 * Needs packages/web/dist: `npm test` builds it when stale (scripts/build-web.ts).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Request, WebSocketRoute } from 'playwright-core';
import { defaultWebDistDir } from '../packages/server/src/modules/web-app/web-app.routes.ts';
import {
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
} from '../packages/server/test/support/test-app.ts';
import { launchChromium } from './support/chromium.ts';

type Ticket = { id: string; version: number; status: string; priority: string; tags: string[] };
type Message = { bodyText: string; visibility: string };

describe('agent app: macros and canned responses by keyboard', () => {
  let t: TestContext;
  let browser: Browser;
  let page: Page;
  let ticket: Ticket;
  let other: Ticket;
  const pageErrors: string[] = [];
  let holdLiveUpdates = false;
  let ticketReadsInFlight = 0;

  const call = async <T>(token: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => {
    const res = await t.call(token, method, url, body);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const getTicket = (id: string) => call<Ticket>(t.ws.agent.token, 'GET', `/api/v1/tickets/${id}`);
  const picker = () => page.locator('dialog.search-picker');
  const searchField = () => picker().locator('input[type="search"]');

  before(async () => {
    assert.ok(existsSync(join(defaultWebDistDir, 'index.html')), 'build the app first: npm run build:web');
    t = await createTestContext({}, { realtime: true });
    const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = t.ws.admin.token;
    await call(admin, 'POST', '/api/v1/macros', {
      name: 'Escalate to tier 2',
      visibility: 'shared',
      actions: [
        { type: 'set_status', status: 'pending' },
        { type: 'set_priority', priority: 'high' },
        { type: 'add_tags', tags: ['escalated', 'vip'] },
      ],
    });
    await call(admin, 'POST', '/api/v1/macros', {
      name: '환불 처리',
      visibility: 'shared',
      actions: [
        { type: 'add_tags', tags: ['refund'] },
        { type: 'add_note', body: 'Refund started by macro.' },
      ],
    });
    await call(admin, 'POST', '/api/v1/canned-responses', {
      name: 'Greeting',
      shortcut: 'hello',
      visibility: 'shared',
      bodies: {
        en: 'Hello {{requester.name}}, thanks for writing.',
        ko: '{{requester.name}}님, 안녕하세요.',
      },
    });
    for (const [i, subject] of ['Order arrived broken', 'Where is my refund?'].entries()) {
      const created = await call<Ticket>(t.ws.agent.token, 'POST', '/api/v1/tickets', {
        subject,
        requester: { email: `buyer${i}@example.com`, name: `Dana Buyer${i}` },
        message: { bodyText: `First message of ${subject}` },
        assigneeId: t.ws.agent.id,
      });
      if (i === 0) ticket = created;
      else other = created;
    }
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 760 }, locale: 'en-US' });
    await context.routeWebSocket(/\/api\/v1\/realtime$/, (route: WebSocketRoute) => {
      const server = route.connectToServer();
      server.onMessage((message) => {
        if (!holdLiveUpdates) route.send(message);
      });
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const isTicketRead = (r: Request) => r.method() === 'GET' && /\/api\/v1\/tickets\/[^/?]+$/.test(r.url());
    page.on('request', (r) => {
      if (isTicketRead(r)) ticketReadsInFlight += 1;
    });
    const settled = (r: Request) => {
      if (isTicketRead(r)) ticketReadsInFlight -= 1;
    };
    page.on('requestfinished', settled);
    page.on('requestfailed', settled);
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Email').fill(t.ws.agent.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.ticket-row').nth(1).waitFor();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('m, part of a name and Enter apply a macro: status, priority and tags change', async () => {
    // Both tickets may carry the same timestamp: find the row rather than assume the order.
    const subjects = await page.locator('.ticket-row .ticket-subject').allTextContents();
    for (let i = 0; i < subjects.indexOf('Order arrived broken'); i++) await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.locator('.ticket-header h2', { hasText: 'Order arrived broken' }).waitFor();
    await page.keyboard.press('m');
    await searchField().waitFor();
    assert.equal(await page.evaluate('document.activeElement?.getAttribute("type")'), 'search');
    await page.keyboard.type('tier');
    await page.waitForFunction(
      `document.querySelectorAll('dialog.search-picker [role="option"]').length === 1`,
    );
    assert.deepEqual(await picker().locator('[role="option"] .picker-label').allTextContents(), [
      'Escalate to tier 2',
    ]);
    await page.keyboard.press('Enter');
    await picker().waitFor({ state: 'detached' });
    await page.waitForFunction(
      `document.querySelector('select[name="status"]')?.value === 'pending' &&
       document.querySelector('select[name="priority"]')?.value === 'high'`,
    );
    await page.locator('.ticket-tags li', { hasText: 'vip' }).waitFor();
    await page.locator('.ticket-tags li', { hasText: 'escalated' }).waitFor();
    const saved = await getTicket(ticket.id);
    assert.equal(saved.status, 'pending');
    assert.equal(saved.priority, 'high');
    assert.deepEqual([...saved.tags].sort(), ['escalated', 'vip']);
  });

  test('a macro with a note waits for the server, then the note and tag show', async () => {
    await page.keyboard.press('m');
    await searchField().waitFor();
    await page.keyboard.press('ArrowDown');
    assert.equal(
      await picker().locator('[role="option"][aria-selected="true"] .picker-label').textContent(),
      '환불 처리',
    );
    await page.keyboard.press('Enter');
    await page.locator('.ticket-tags li', { hasText: 'refund' }).waitFor();
    await page.locator('.message', { hasText: 'Refund started by macro.' }).waitFor();
    const messages = await call<{ data: Message[] }>(
      t.ws.agent.token,
      'GET',
      `/api/v1/tickets/${ticket.id}/messages`,
    );
    assert.equal(
      messages.data.find((m) => m.bodyText === 'Refund started by macro.')?.visibility,
      'internal',
    );
  });

  test('a stale version shows the conflict, keeps the search and rolls the ticket back', async () => {
    // Hold live updates and let any read of the ticket already under way finish, so the
    // browser keeps the version it has when the other agent changes the ticket below.
    holdLiveUpdates = true;
    while (ticketReadsInFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const current = await getTicket(ticket.id);
    const res = await t.call(
      t.ws.admin.token,
      'PATCH',
      `/api/v1/tickets/${ticket.id}`,
      { status: 'open' },
      { 'if-match': `"${current.version}"` },
    );
    assert.equal(res.statusCode, 200, res.body);
    await page.keyboard.press('m');
    await searchField().waitFor();
    await page.keyboard.type('escalate');
    await page.keyboard.press('Enter');
    await picker().getByRole('alert').filter({ hasText: 'Someone else changed this ticket' }).waitFor();
    assert.equal(await searchField().inputValue(), 'escalate');
    // Rolled back, then reloaded: the other agent's status, not the macro's.
    await page.waitForFunction(`document.querySelector('select[name="status"]')?.value === 'open'`);
    holdLiveUpdates = false;
    // Applying again now works against the reloaded version.
    await page.keyboard.press('Enter');
    await picker().waitFor({ state: 'detached' });
    assert.equal((await getTicket(ticket.id)).status, 'pending');
  });

  test('Korean IME composition in the picker search neither picks nor triggers shortcuts', async () => {
    const cdp = await page.context().newCDPSession(page);
    const before = await getTicket(ticket.id);
    await page.keyboard.press('m');
    await searchField().waitFor();
    await cdp.send('Input.imeSetComposition', { text: 'ㅎ', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: '환', selectionStart: 1, selectionEnd: 1 });
    // Enter and j while composing (keyCode 229) belong to the IME, not to the picker or the list.
    for (const key of ['Enter', 'j']) {
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key, windowsVirtualKeyCode: 229 });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, windowsVirtualKeyCode: 229 });
    }
    await cdp.send('Input.insertText', { text: '환불' });
    assert.equal(await searchField().inputValue(), '환불');
    await page.waitForFunction(
      `document.querySelectorAll('dialog.search-picker [role="option"]').length === 1`,
    );
    assert.equal(await picker().isVisible(), true);
    assert.match(page.url(), new RegExp(`${ticket.id}$`));
    assert.equal((await getTicket(ticket.id)).version, before.version);
    assert.deepEqual(await picker().locator('[role="option"] .picker-label').allTextContents(), [
      '환불 처리',
    ]);
    // Esc closes without applying, and the keys work again outside the picker.
    await page.keyboard.press('Escape');
    await picker().waitFor({ state: 'detached' });
    assert.equal((await getTicket(ticket.id)).version, before.version);
  });

  test('Ctrl+/ in the composer inserts a canned response with the requester filled in', async () => {
    const textarea = page.locator('textarea[name="body"]');
    await page.keyboard.press('r');
    await page.keyboard.type('Hi. ');
    await page.keyboard.press('Control+/');
    await searchField().waitFor();
    await page.keyboard.type('greet');
    await page.keyboard.press('Enter');
    await picker().waitFor({ state: 'detached' });
    await page.waitForFunction(
      `document.querySelector('textarea[name="body"]')?.value === 'Hi. Hello Dana Buyer0, thanks for writing.'`,
    );
    // Focus and caret come back after the inserted text, so typing goes on from there.
    await page.keyboard.type(' Bye.');
    assert.equal(await textarea.inputValue(), 'Hi. Hello Dana Buyer0, thanks for writing. Bye.');
  });

  test('the palette offers "Apply macro: <name>" on an open ticket', async () => {
    await page.locator('textarea[name="body"]').blur();
    // The list may have re-sorted after the changes: move the cursor to the other ticket.
    const subjects = await page.locator('.ticket-row .ticket-subject').allTextContents();
    const from = subjects.indexOf('Order arrived broken');
    await page.keyboard.press(subjects.indexOf('Where is my refund?') > from ? 'j' : 'k');
    await page.locator('.ticket-header h2', { hasText: 'Where is my refund?' }).waitFor();
    await page.keyboard.press('Control+k');
    await page.locator('[cmdk-input]').waitFor();
    await page.keyboard.type('Escalate to tier');
    await page
      .locator('[cmdk-item][data-selected="true"]', { hasText: 'Apply macro: Escalate to tier 2' })
      .waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.ticket-tags li', { hasText: 'vip' }).waitFor();
    // The tags show before the server answers; the picker closes once it has.
    await picker().waitFor({ state: 'detached' });
    const saved = await getTicket(other.id);
    assert.equal(saved.priority, 'high');
    assert.deepEqual(pageErrors, []);
  });
});
