/**
 * Agent app benchmarks (issue 5): headless Chromium against a Switchboard holding 10,000
 * tickets, all open and assigned to agent 0 (his "Mine" and everyone's "All open" views).
 *
 * 1. sign-in page → interactive inbox: navigation start → sign-in form in the DOM, plus the
 *    Sign in click → first rows rendered and the list moving its cursor on `j` (the typing
 *    in between is left out), 10 runs, each in a fresh browser context (empty cache) as another
 *    agent (logins are rate-limited per account);
 * 2. `j` → next ticket fully rendered in the ticket pane (its number and subject in the
 *    header and its first message in the timeline), timed inside the page from the keydown
 *    (capture listener) with a MutationObserver, then one requestAnimationFrame + task for
 *    the paint; 100 presses;
 * 3. applying a macro through the UI (`m`, type its name, Enter): Enter → new status shown
 *    (optimistic) and → picker closed (server answered). Without a picker it falls back to the
 *    POST …/macros/:id/apply the UI makes, sent from the page, and says so (`macro.via`);
 * 4. JavaScript on first load: the scripts dist/index.html references, raw / gzip / brotli.
 *
 * The in-page timers are in page-probes.js. Run: npm run bench:web (BENCH_DATABASE_URL=… adds
 * PostgreSQL; BENCH_ENGINES, BENCH_WEB_TICKETS, BENCH_WEB_PRESSES, BENCH_WEB_SIGNINS,
 * BENCH_WEB_MACROS). Writes bench/results/<date>-web-<engine>.json. docs/BENCHMARKS.md "Agent app".
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../e2e/support/chromium.ts';
import { argon2Passwords } from '../../../packages/server/src/platform/passwords.ts';
import { buildWeb } from '../../../scripts/build-web.ts';
import { type BenchEngine, startEngine } from '../engine.ts';
import { bulkLoadTickets } from '../load-tickets.ts';
import { machineFacts } from '../machine.ts';
import type { EngineName } from '../options.ts';
import { type LatencySummary, ms, summarize } from '../stats.ts';

const env = process.env;
const TICKETS = Number(env.BENCH_WEB_TICKETS ?? 10_000);
const PRESSES = Number(env.BENCH_WEB_PRESSES ?? 100);
const SIGNINS = Number(env.BENCH_WEB_SIGNINS ?? 10);
const MACROS = Number(env.BENCH_WEB_MACROS ?? 20);
const PASSWORD = 'bench agent password';
const MACRO_NAME = 'Bench pending high';
const webDir = join(import.meta.dirname, '..', '..', '..', 'packages', 'web', 'dist');
const resultsDir = join(import.meta.dirname, '..', '..', 'results');

type ListedTicket = { id: string; number: number; subject: string; version: number };
type MacroVia = 'ui-picker' | 'api-from-page';
type JsAsset = { file: string; raw: number; gzip: number; brotli: number };

function uptime(): string {
  return execSync('uptime').toString().trim();
}

/** The scripts the browser needs before the inbox can render: entry module and modulepreloads. */
export function firstLoadJs(): { assets: JsAsset[]; raw: number; gzip: number; brotli: number } {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const files = [...new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!))];
  const size = (path: string) => statSync(join(webDir, path)).size;
  const assets = files.map((file) => ({
    file,
    raw: size(file),
    gzip: size(`${file}.gz`),
    brotli: size(`${file}.br`),
  }));
  const sum = (key: 'raw' | 'gzip' | 'brotli') => assets.reduce((total, a) => total + a[key], 0);
  return { assets, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

async function api<T>(engine: BenchEngine, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${engine.baseUrl}/api/v1${url}`, {
    method,
    headers: {
      authorization: `Bearer ${engine.workspace.token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** All loaded tickets open and assigned to agent 0, who gets a password to sign in with. */
async function prepareData(engine: BenchEngine): Promise<{ email: string; agentId: string }> {
  const db = engine.running.database.db;
  const agentId = engine.workspace.agentIds[0]!;
  await bulkLoadTickets(db, engine.workspace, TICKETS);
  await sql`update tickets set status = 'open', solved_at = null, closed_at = null, assignee_id = ${agentId}
             where workspace_id = ${engine.workspace.id}`.execute(db);
  await sql`analyze tickets`.execute(db);
  const passwordHash = await argon2Passwords.hash(PASSWORD);
  // Logins are limited to 10 a minute per address and account, so each sign-in run uses its own agent.
  const signers = engine.workspace.agentIds.slice(0, SIGNINS + 1);
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', 'in', signers).execute();
  return { email: 'agent0@bench.test', agentId };
}

/** The first `count` tickets of the Mine view, in the app's order, with each first message. */
async function firstTickets(engine: BenchEngine, agentId: string, count: number) {
  const out: (ListedTicket & { body: string })[] = [];
  let cursor: string | null = null;
  while (out.length < count) {
    const query = new URLSearchParams({
      assigneeId: agentId,
      status: 'new,open,pending,on_hold',
      limit: '50',
    });
    if (cursor) query.set('cursor', cursor);
    const page: { data: ListedTicket[]; nextCursor?: string | null } = await api(
      engine,
      'GET',
      `/tickets?${query}`,
    );
    for (const t of page.data) {
      const messages = await api<{ data: { bodyText: string }[] }>(
        engine,
        'GET',
        `/tickets/${t.id}/messages`,
      );
      out.push({ ...t, body: messages.data[0]?.bodyText ?? '' });
    }
    cursor = page.nextCursor ?? null;
    if (!cursor || page.data.length === 0) break;
  }
  return out.slice(0, count);
}

/** What page-probes.js puts on `window` (the page's side of the measurements). */
type Probes = {
  signInAndWaitInteractive(): Promise<{ formAt: number; submitToRows: number; submitToInteractive: number }>;
  armNextTicket(expected: { number: number; body: string }): void;
  awaitNextTicket(): Promise<{ dom: number; painted: number; fetched: number }>;
  armMacroPick(expected: string): void;
  awaitMacroPick(): Promise<{ shown: number; confirmed: number }>;
  applyMacroInPage(args: {
    ticketId: string;
    macroId: string;
    version: number;
    expected: string;
  }): Promise<{ answered: number; rendered: number | null }>;
};
type PageWindow = { __bench: Probes };
const probesPath = join(import.meta.dirname, 'page-probes.js');

// --- the runs -------------------------------------------------------------------------------

async function newPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  await context.addInitScript({ path: probesPath });
  const page = await context.newPage();
  // What went wrong when a run fails: page errors and failed requests.
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => problems.push(`failed ${req.url()}: ${req.failure()?.errorText}`));
  return { context, page, problems };
}

async function signIn(browser: Browser, baseUrl: string, email: string, hash = '') {
  const { context, page, problems } = await newPage(browser);
  try {
    await page.goto(`${baseUrl}/${hash}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    const marks = await page.evaluate(() =>
      (globalThis as unknown as PageWindow).__bench.signInAndWaitInteractive(),
    );
    return { context, page, marks };
  } catch (error) {
    await context.close();
    const first = String(error).split('\n')[0]?.slice(0, 300);
    throw new Error(`${first} [page: ${problems.slice(0, 5).join('; ') || 'no errors'}]`);
  }
}

/** `m`, type the name, Enter; null when no picker opens (the app has none yet). */
async function pickMacroInUi(page: Page, macroName: string) {
  await page.keyboard.press('m');
  const input = page.locator('.search-picker input');
  try {
    await input.waitFor({ timeout: 3000 });
  } catch {
    return null;
  }
  await input.fill(macroName);
  await page.locator('.search-picker [role="option"]', { hasText: macroName }).first().waitFor();
  await page.evaluate((e) => (globalThis as unknown as PageWindow).__bench.armMacroPick(e), 'pending');
  await page.keyboard.press('Enter');
  return page.evaluate(() => (globalThis as unknown as PageWindow).__bench.awaitMacroPick());
}

async function openTicket(page: Page, view: string, id: string, number: number) {
  await page.evaluate((hash) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
  }, `#/${view}/${id}`);
  await page.locator('.ticket-header h2', { hasText: `#${number}` }).waitFor();
  await page.locator('.timeline .message-body').first().waitFor();
}

type EngineResult = {
  engine: EngineName;
  version: string;
  tickets: number;
  uptimeBefore: string;
  uptimeAfter: string;
  signIn: {
    failures: number;
    total: LatencySummary;
    toForm: LatencySummary;
    submitToRows: LatencySummary;
    submitToInteractive: LatencySummary;
  };
  nextTicket: {
    dom: LatencySummary;
    painted: LatencySummary;
    /** Presses whose render waited for no API request (the ticket was prefetched). */
    domFromCache: LatencySummary;
    /** Presses whose render waited for at least one API request. */
    domAfterFetch: LatencySummary;
  };
  macro: {
    via: MacroVia;
    /** ui-picker: Enter → the new status shown (optimistic update). */
    optimistic: LatencySummary | null;
    /** ui-picker: Enter → picker closed after the server's answer; api-from-page: fetch → answer. */
    answered: LatencySummary;
    /** api-from-page: fetch → new status rendered through the live-update socket. */
    rendered: LatencySummary | null;
    notRendered: number;
  };
};

async function runEngine(name: EngineName, databaseUrl: string | null): Promise<EngineResult> {
  const uptimeBefore = uptime();
  console.log(`\n[${name}] ${uptimeBefore}`);
  const engine = await startEngine(name, databaseUrl);
  let browser: Browser | null = null;
  try {
    const started = performance.now();
    const { email, agentId } = await prepareData(engine);
    console.log(
      `[${name}] ${TICKETS} tickets loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const listed = await firstTickets(engine, agentId, Math.max(PRESSES, MACROS) + 2);
    // Before any page loads: the app caches the macro list for a minute.
    const macro = await api<{ id: string }>(engine, 'POST', '/macros', {
      name: MACRO_NAME,
      visibility: 'personal',
      actions: [
        { type: 'set_status', status: 'pending' },
        { type: 'set_priority', priority: 'high' },
        { type: 'add_tags', tags: ['bench-macro'] },
      ],
    });
    browser = await launchChromium();

    // 1. sign-in page → interactive inbox
    const total: number[] = [];
    const toForm: number[] = [];
    const toRows: number[] = [];
    const toInteractive: number[] = [];
    let signInFailures = 0;
    for (let i = 0; i < SIGNINS + 1; i++) {
      // The working tree is shared: a rebuild of packages/web/dist by someone else mid-run
      // breaks one page load. Such a run is retried (at most 10 failures in all) and counted.
      // "All open" (10,000 tickets, like agent 0's "Mine"), as agent i: see prepareData.
      const attempt = await signIn(browser, engine.baseUrl, `agent${i}@bench.test`, '#/open').catch(
        (error: unknown) => {
          signInFailures += 1;
          console.log(`[${name}] sign-in run failed (${signInFailures}): ${String(error).slice(0, 400)}`);
          if (signInFailures > 10) throw error;
          return null;
        },
      );
      if (!attempt) {
        i -= 1;
        continue;
      }
      const { context, marks } = attempt;
      await context.close();
      if (i === 0) continue; // warm-up: first server-side query plans, argon2 tables, disk cache
      toForm.push(marks.formAt);
      toRows.push(marks.submitToRows);
      toInteractive.push(marks.submitToInteractive);
      total.push(marks.formAt + marks.submitToInteractive);
    }

    // 2. j → next ticket rendered
    const { context, page } = await signIn(browser, engine.baseUrl, email);
    const first = listed[0]!;
    await openTicket(page, 'mine', first.id, first.number);
    const dom: number[] = [];
    const painted: number[] = [];
    const domCached: number[] = [];
    const domFetched: number[] = [];
    for (let i = 1; i <= PRESSES && i < listed.length; i++) {
      const next = listed[i]!;
      await page.evaluate((e) => (globalThis as unknown as PageWindow).__bench.armNextTicket(e), {
        number: next.number,
        body: next.body,
      });
      await page.keyboard.press('j');
      const r = await page.evaluate(() => (globalThis as unknown as PageWindow).__bench.awaitNextTicket());
      dom.push(r.dom);
      painted.push(r.painted);
      (r.fetched > 0 ? domFetched : domCached).push(r.dom);
    }

    // 3. macro
    const answered: number[] = [];
    const shown: number[] = [];
    const rendered: number[] = [];
    let notRendered = 0;
    let via: MacroVia = 'ui-picker';
    for (let i = 0; i < MACROS + 1; i++) {
      const target = listed[listed.length - 1 - i]!;
      await openTicket(page, 'mine', target.id, target.number);
      const picked = via === 'ui-picker' ? await pickMacroInUi(page, MACRO_NAME) : null;
      if (picked) {
        if (i === 0) continue;
        shown.push(picked.shown);
        answered.push(picked.confirmed);
        continue;
      }
      if (via === 'ui-picker') {
        console.log(`[${name}] no macro picker on \`m\`: applying through the API call the UI makes`);
        via = 'api-from-page';
      }
      const current = await api<ListedTicket>(engine, 'GET', `/tickets/${target.id}`);
      const r = await page.evaluate(
        (a) => (globalThis as unknown as PageWindow).__bench.applyMacroInPage(a),
        {
          ticketId: target.id,
          macroId: macro.id,
          version: current.version,
          expected: 'pending',
        },
      );
      if (i === 0) continue;
      answered.push(r.answered);
      if (r.rendered === null) notRendered += 1;
      else rendered.push(r.rendered);
    }
    await context.close();
    const uptimeAfter = uptime();
    console.log(`[${name}] ${uptimeAfter}`);
    return {
      engine: name,
      version: engine.version,
      tickets: TICKETS,
      uptimeBefore,
      uptimeAfter,
      signIn: {
        failures: signInFailures,
        total: summarize(total),
        toForm: summarize(toForm),
        submitToRows: summarize(toRows),
        submitToInteractive: summarize(toInteractive),
      },
      nextTicket: {
        dom: summarize(dom),
        painted: summarize(painted),
        domFromCache: summarize(domCached),
        domAfterFetch: summarize(domFetched),
      },
      macro: {
        via,
        optimistic: shown.length > 0 ? summarize(shown) : null,
        answered: summarize(answered),
        rendered: rendered.length > 0 ? summarize(rendered) : null,
        notRendered,
      },
    };
  } finally {
    await browser?.close();
    await engine.close();
  }
}

function markdown(results: EngineResult[], js: ReturnType<typeof firstLoadJs>): string {
  const pp = (s: LatencySummary | null) => (s ? `${ms(s.p50)} / ${ms(s.p95)}` : '–');
  const lines = [
    `| measure (ms, p50 / p95) | ${results.map((r) => r.engine).join(' | ')} |`,
    `| --- | ${results.map(() => '---:').join(' | ')} |`,
  ];
  const row = (label: string, pick: (r: EngineResult) => LatencySummary | null) =>
    lines.push(`| ${label} | ${results.map((r) => pp(pick(r))).join(' | ')} |`);
  row(`sign-in page → interactive inbox (${SIGNINS} runs)`, (r) => r.signIn.total);
  row('… navigation → sign-in form', (r) => r.signIn.toForm);
  row('… Sign in → first rows', (r) => r.signIn.submitToRows);
  row('… Sign in → rows + `j` accepted', (r) => r.signIn.submitToInteractive);
  row(`\`j\` → next ticket in the DOM (${PRESSES} presses)`, (r) => r.nextTicket.dom);
  row('`j` → next ticket painted (rAF + task)', (r) => r.nextTicket.painted);
  lines.push(
    `| … presses that waited for no API request / for one or more | ${results
      .map((r) => `${r.nextTicket.domFromCache.count} / ${r.nextTicket.domAfterFetch.count}`)
      .join(' | ')} |`,
  );
  row('… DOM, no API request waited for', (r) => r.nextTicket.domFromCache);
  row('… DOM, after an API request', (r) => r.nextTicket.domAfterFetch);
  row(`macro (\`m\`, name, Enter) → new status shown (${MACROS} runs)`, (r) => r.macro.optimistic);
  row('macro Enter → server answered, picker closed (or: API call → answer)', (r) => r.macro.answered);
  row('macro API call → status rendered by live update', (r) => r.macro.rendered);
  lines.push(
    '',
    `JavaScript on first load: ${js.raw} B raw, **${js.gzip} B gzip**, ${js.brotli} B brotli (${js.assets.length} files)`,
  );
  return lines.join('\n');
}

async function main() {
  const databaseUrl = env.BENCH_DATABASE_URL ?? null;
  const engines = (env.BENCH_ENGINES ?? 'pglite,postgres')
    .split(',')
    .filter((e): e is EngineName => e === 'pglite' || e === 'postgres')
    .filter((e) => e === 'pglite' || databaseUrl !== null);
  if (!databaseUrl) console.log('BENCH_DATABASE_URL is unset: PostgreSQL is skipped.');
  buildWeb();
  const js = firstLoadJs();
  const results: EngineResult[] = [];
  for (const name of engines) {
    const result = await runEngine(name, databaseUrl);
    results.push(result);
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `${new Date().toISOString().slice(0, 10)}-web-${name}.json`);
    writeFileSync(file, JSON.stringify({ machine: machineFacts(), firstLoadJs: js, ...result }, null, 2));
  }
  console.log(JSON.stringify({ machine: machineFacts(), firstLoadJs: js, results }, null, 2));
  console.log(`\n${markdown(results, js)}`);
}

if (import.meta.main) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
