/**
 * The agent app in headless Chromium against an in-process server on a real port: sign in,
 * see tickets created through the API, work them by keyboard (j/k, Enter, r, n, ⌘Enter),
 * switch language and theme, and meet a 412 conflict. Korean IME composition must never
 * trigger a shortcut. With SWITCHBOARD_SCREENSHOTS=1 it also writes docs/screenshots/*.png.
 * Needs packages/web/dist: `npm test` builds it when stale (scripts/build-web.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
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

const screenshotsDir = join(import.meta.dirname, '..', 'docs', 'screenshots');
const takeScreenshots = process.env.SWITCHBOARD_SCREENSHOTS === '1';

type Ticket = { id: string; number: number; subject: string; version: number; priority: string };
type Message = { bodyText: string; visibility: string; authorType: string };

describe('agent app: inbox and ticket by keyboard', () => {
  let t: TestContext;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;
  const tickets: Ticket[] = [];
  const pageErrors: string[] = [];
  // The live-update socket passes through the test, which can hold its messages back to stand
  // for a notification that has not arrived yet.
  let holdLiveUpdates = false;
  let liveSockets = 0;

  const api = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<T> => {
    const res = await t.call(t.ws.agent.token, method, url, body);
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const selectedSubject = () =>
    page.locator('.ticket-row[aria-selected="true"] .ticket-subject').textContent();
  const screenshot = async (name: string) => {
    if (!takeScreenshots) return;
    mkdirSync(screenshotsDir, { recursive: true });
    await page.screenshot({ path: join(screenshotsDir, `${name}.png`) });
  };

  before(async () => {
    assert.ok(existsSync(join(defaultWebDistDir, 'index.html')), 'build the app first: npm run build:web');
    t = await createTestContext({}, { realtime: true });
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = address;
    for (const [i, subject] of ['Refund for order 1001', '배송이 늦어요', 'Cannot sign in'].entries()) {
      tickets.push(
        await api<Ticket>('POST', '/api/v1/tickets', {
          subject,
          requester: { email: `customer${i}@example.com`, name: `Customer ${i}` },
          message: { bodyText: `First message of ${subject}` },
          assigneeId: t.ws.agent.id,
        }),
      );
    }
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 760 },
      locale: 'en-US',
      colorScheme: 'light',
    });
    await context.routeWebSocket(/\/api\/v1\/realtime$/, (route: WebSocketRoute) => {
      liveSockets += 1;
      const server = route.connectToServer();
      server.onMessage((message) => {
        if (!holdLiveUpdates) route.send(message);
      });
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('signs in and lists the tickets created through the API, newest first', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Email').fill(t.ws.agent.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.ticket-row').nth(2).waitFor();
    const subjects = await page.locator('.ticket-row .ticket-subject').allTextContents();
    assert.deepEqual(subjects, ['Cannot sign in', '배송이 늦어요', 'Refund for order 1001']);
    await screenshot('inbox-light');
  });

  test('j/k move the cursor and Enter opens the ticket', async () => {
    assert.equal(await selectedSubject(), 'Cannot sign in');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    assert.equal(await selectedSubject(), 'Refund for order 1001');
    await page.keyboard.press('k');
    assert.equal(await selectedSubject(), '배송이 늦어요');
    // Opening a ticket fetches the next one in the list ahead of time.
    const prefetch = page.waitForRequest((r) =>
      r.url().endsWith(`/api/v1/tickets/${tickets[0]?.id}/messages`),
    );
    await page.keyboard.press('Enter');
    await page.locator('.ticket-header h2', { hasText: '배송이 늦어요' }).waitFor();
    await prefetch;
    await page.locator('.message', { hasText: 'First message of 배송이 늦어요' }).waitFor();
    await page.locator('.requester', { hasText: 'Customer 1' }).waitFor();
    assert.match(page.url(), new RegExp(`#/mine/${tickets[1]?.id}$`));
  });

  test('r, typing and Ctrl+Enter send a public reply', async () => {
    await page.keyboard.press('r');
    await page.keyboard.type('We shipped it today.');
    await page.keyboard.press('Control+Enter');
    await page.locator('.message-agent:not(.pending)', { hasText: 'We shipped it today.' }).waitFor();
    const messages = await api<{ data: Message[] }>('GET', `/api/v1/tickets/${tickets[1]?.id}/messages`);
    const reply = messages.data.find((m) => m.bodyText === 'We shipped it today.');
    assert.equal(reply?.visibility, 'public');
    assert.equal(reply?.authorType, 'agent');
  });

  test('n writes an internal note, shown apart from replies', async () => {
    await page.locator('textarea[name="body"]').blur();
    await page.keyboard.press('n');
    await page.keyboard.type('Customer called too.');
    await page.keyboard.press('Control+Enter');
    const note = page.locator('.message[data-visibility="internal"]:not(.pending)', {
      hasText: 'Customer called too.',
    });
    await note.waitFor();
    assert.match((await note.getAttribute('class')) ?? '', /message-note/);
    const messages = await api<{ data: Message[] }>('GET', `/api/v1/tickets/${tickets[1]?.id}/messages`);
    assert.equal(messages.data.find((m) => m.bodyText === 'Customer called too.')?.visibility, 'internal');
    await screenshot('ticket-light');
  });

  test('Korean IME composition never triggers the j shortcut', async () => {
    const cdp = await page.context().newCDPSession(page);
    const textarea = page.locator('textarea[name="body"]');
    await textarea.blur();
    await page.keyboard.press('r');
    await cdp.send('Input.imeSetComposition', { text: 'ㅎ', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: '한', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: '한' });
    assert.equal(await textarea.inputValue(), '한');
    // Outside any field: a key pressed while an IME composes arrives as keyCode 229 (and
    // isComposing); neither may move the cursor or open another ticket.
    await textarea.blur();
    const before = await selectedSubject();
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'j',
      code: 'KeyJ',
      windowsVirtualKeyCode: 229,
    });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key: 'j',
      code: 'KeyJ',
      windowsVirtualKeyCode: 229,
    });
    await page.evaluate(
      "document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', code: 'KeyJ', isComposing: true, bubbles: true }))",
    );
    assert.equal(await selectedSubject(), before);
    assert.match(page.url(), new RegExp(`${tickets[1]?.id}$`));
    // The same key without composition does move: the assertion above can fail.
    const subjects = await page.locator('.ticket-row .ticket-subject').allTextContents();
    await page.keyboard.press('j');
    assert.equal(await selectedSubject(), subjects[subjects.indexOf(before ?? '') + 1]);
    await page.keyboard.press('k');
    await page.locator('.ticket-header h2', { hasText: '배송이 늦어요' }).waitFor();
  });

  test('a status change on a stale version shows the conflict and the current ticket', async () => {
    const current = await api<Ticket>('GET', `/api/v1/tickets/${tickets[1]?.id}`);
    await page.locator('select[name="priority"]').waitFor();
    // Someone else changes the ticket after the browser read it, and the live update is late.
    holdLiveUpdates = true;
    const res = await t.call(
      t.ws.admin.token,
      'PATCH',
      `/api/v1/tickets/${current.id}`,
      { priority: 'urgent' },
      {
        'if-match': `"${current.version}"`,
      },
    );
    assert.equal(res.statusCode, 200, res.body);
    await page.locator('select[name="status"]').selectOption('pending');
    await page.getByRole('alert').filter({ hasText: 'Someone changed this ticket' }).waitFor();
    await page.waitForFunction(`document.querySelector('select[name="priority"]')?.value === 'urgent'`);
    const after = await api<Ticket & { status: string }>('GET', `/api/v1/tickets/${current.id}`);
    assert.notEqual(after.status, 'pending');
    holdLiveUpdates = false;
  });

  test('a reply the server refuses is taken back, with the text kept and the reason shown', async () => {
    await page.locator('.ticket-row', { hasText: 'Refund for order 1001' }).click();
    await page.locator('.ticket-header h2', { hasText: 'Refund for order 1001' }).waitFor();
    // Closed meanwhile by someone else: the server refuses any new message on it.
    const id = tickets[0]?.id;
    await api('PATCH', `/api/v1/tickets/${id}`, { status: 'solved' });
    await api('PATCH', `/api/v1/tickets/${id}`, { status: 'closed' });
    await page.keyboard.press('r');
    await page.keyboard.type('Too late?');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('alert').filter({ hasText: 'Not sent' }).waitFor();
    assert.equal(await page.locator('.message', { hasText: 'Too late?' }).count(), 0);
    assert.equal(await page.locator('textarea[name="body"]').inputValue(), 'Too late?');
    const messages = await api<{ data: Message[] }>('GET', `/api/v1/tickets/${id}/messages`);
    assert.equal(messages.data.length, 1);
    await page.locator('textarea[name="body"]').fill('');
    await page.locator('textarea[name="body"]').blur();
    await page.locator('.ticket-row', { hasText: '배송이 늦어요' }).click();
    await page.locator('.ticket-header h2', { hasText: '배송이 늦어요' }).waitFor();
  });

  test('switches to Korean and to the dark theme', async () => {
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Mine' }).waitFor();
    await nav.locator('[data-action="language"]').click();
    await nav.getByRole('link', { name: '내 티켓' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ko');

    const background = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    const light = await background();
    await nav.locator('[data-action="theme"]').click();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    assert.notEqual(await background(), light);
    await screenshot('ticket-dark');
    await page.keyboard.press('u');
    await page.locator('.ticket-view').waitFor({ state: 'detached' });
    await screenshot('inbox-dark');

    // Both choices are saved for the next visit.
    await page.reload();
    await nav.getByRole('link', { name: '내 티켓' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
  });

  test('? shows the shortcuts; ⌘K/Ctrl+K reaches views; g then m jumps back', async () => {
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: '단축키' });
    await help.waitFor();
    assert.ok(await help.getByText('다음 티켓').isVisible());
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    await page.keyboard.press('Control+k');
    const input = page.locator('[cmdk-input]');
    await input.waitFor();
    await input.fill('unassigned');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/unassigned$/);
    await page.locator('.pane-title', { hasText: '미배정' }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('m');
    await page.waitForURL(/#\/mine$/);
  });

  test('a ticket created through the API appears live, without a reload', async () => {
    assert.ok(liveSockets >= 1, 'the app opened the live-update socket');
    await page.locator('.ticket-row').first().waitFor();
    await api('POST', '/api/v1/tickets', {
      subject: '실시간으로 보여요',
      requester: { email: 'live@example.com' },
      message: { bodyText: 'Arrived while the inbox was open' },
      assigneeId: t.ws.agent.id,
    });
    await page.locator('.ticket-row', { hasText: '실시간으로 보여요' }).waitFor();
  });

  test('the list loads the next page (cursor pagination) as the cursor moves down', async () => {
    for (let i = 0; i < 55; i += 1) {
      await api('POST', '/api/v1/tickets', {
        subject: `Bulk ${String(i).padStart(2, '0')}`,
        requester: { email: 'bulk@example.com' },
        message: { bodyText: 'bulk' },
      });
    }
    const all = await api<{ data: Ticket[]; nextCursor: string | null }>('GET', '/api/v1/tickets?limit=100');
    assert.equal(all.nextCursor, null);
    assert.ok(all.data.length > 50, 'more than one page of the app (50 rows)');
    const oldest = all.data.at(-1)?.subject;
    await page.getByRole('navigation').getByRole('link', { name: '최근 업데이트' }).click();
    await page.locator('.ticket-row', { hasText: 'Bulk 54' }).waitFor();
    for (let presses = 0; presses < 3 * all.data.length; presses += 1) {
      if ((await selectedSubject()) === oldest) break;
      await page.keyboard.press('j');
    }
    assert.equal(await selectedSubject(), oldest);
  });

  test('signs out: back to the sign-in page, and the session is gone', async () => {
    await page.getByRole('navigation').getByRole('button', { name: '로그아웃' }).click();
    await page.getByRole('button', { name: '로그인' }).waitFor();
    const status = await page.evaluate<number>("fetch('/api/v1/auth/session').then((r) => r.status)");
    assert.equal(status, 401);
  });

  test('no uncaught error in the page during the whole session', () => {
    assert.deepEqual(pageErrors, []);
  });
});
