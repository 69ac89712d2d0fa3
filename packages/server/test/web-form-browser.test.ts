/**
 * The contact form in real headless Chromium with JavaScript switched off: the page works
 * as plain HTML, its labels name the fields, its styles pass the Content-Security-Policy
 * (hash-allowed), and a submission with a file opens a ticket.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../../e2e/support/chromium.ts';
import { MIN_FILL_MS } from '../src/modules/web-form/form-token.ts';
import { createTestContext, type TestContext } from './support/test-app.ts';

let t: TestContext;
let browser: Browser;
let baseUrl: string;
let fileDir: string;
before(async () => {
  t = await createTestContext();
  const res = await t.call(t.ws.admin.token, 'POST', '/api/v1/channels', {
    kind: 'web_form',
    name: '홈페이지 문의',
  });
  assert.equal(res.statusCode, 201, res.body);
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
  fileDir = mkdtempSync(join(tmpdir(), 'web-form-browser-'));
});
after(async () => {
  await browser?.close();
  await t?.close();
  if (fileDir) rmSync(fileDir, { recursive: true, force: true });
});

test('a customer without JavaScript fills in the Korean form, attaches a file and gets a ticket number', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ko-KR' });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(`${baseUrl}/support/acme/contact`);
  assert.equal(await page.title(), '문의하기 – Workspace acme');
  assert.equal(await page.getAttribute('html', 'lang'), 'ko');
  const submitColour = await page
    .locator('button[type=submit]')
    // Runs in the page, where getComputedStyle exists (the test's types have no DOM).
    .evaluate(
      (button) =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
        ).getComputedStyle(button).backgroundColor,
    );
  assert.equal(submitColour, 'rgb(31, 136, 61)', 'the inline stylesheet is allowed by its CSP hash');
  const trapRight = await page.locator('.trap').evaluate((e) => e.getBoundingClientRect().right);
  assert.ok(trapRight <= 0, 'the honeypot is off-screen');

  await page.getByLabel('이름').fill('<b>정다은</b>');
  await page.getByLabel('이메일').fill('daeun@example.kr');
  await page.getByLabel('제목').fill('교환 문의');
  await page.getByLabel('문의 내용').fill('사이즈 교환이 가능한가요?');
  const photo = join(fileDir, '사진.png');
  writeFileSync(photo, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  await page.getByLabel('첨부 파일 (선택)').setInputFiles(photo);
  await sleep(MIN_FILL_MS + 200); // a person takes longer than the form's minimum fill time
  await Promise.all([
    page.waitForURL(/\/support\/acme\/contact/),
    page.getByRole('button', { name: '보내기' }).click(),
  ]);

  const status = await page.getByRole('status').innerText();
  const number = /접수 번호는 #(\d+)입니다/.exec(status)?.[1];
  assert.ok(number, status);
  const ticket = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/by-number/${number}`)).json();
  assert.equal(ticket.channel, 'web');
  assert.equal(ticket.source.name, '홈페이지 문의');
  const messages = (await t.call(t.ws.agent.token, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json()
    .data;
  assert.deepEqual(
    messages[0].attachments.map((a: { filename: string; contentType: string }) => [
      a.filename,
      a.contentType,
    ]),
    [['사진.png', 'image/png']],
  );
  const contact = (await t.call(t.ws.agent.token, 'GET', `/api/v1/contacts/${ticket.requesterId}`)).json();
  assert.equal(contact.name, '<b>정다은</b>');
  assert.deepEqual(cspViolations, []);
  await context.close();
});

test('a mistake is shown next to the field, keeps the input and is announced', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/support/acme/contact?lang=en`);
  await page.getByLabel('Name').fill('Sam "<script>"');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Subject').fill('Exchange');
  await page.getByLabel('Message').fill('Can I exchange the size?');
  await sleep(MIN_FILL_MS + 200);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByLabel('Email').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#email-error').innerText(), 'Enter a valid email address.');
  assert.equal(await page.getByLabel('Name').inputValue(), 'Sam "<script>"');
  assert.equal(await page.getByLabel('Message').inputValue(), 'Can I exchange the size?');
  await context.close();
});
