/**
 * The in-page half of the agent app benchmark (run-web.ts), added to every page as an init
 * script: it runs in Chromium, so it is plain JavaScript (the root tsconfig has no DOM lib).
 * Timings are taken here with performance.now(), so Playwright's round trips are not in them.
 * run-web.ts calls these through `window.__bench`.
 */

/** Marks the moment the sign-in form is in the DOM (init script, runs before the app). */
function installFormMark() {
  const w = window;
  const observer = new MutationObserver(() => {
    if (document.querySelector('input[type="password"]')) {
      w.__formAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Clicks Sign in; resolves when rows are rendered and the cursor moved on a `j`. */
function signInAndWaitInteractive() {
  const w = window;
  return new Promise((resolve, reject) => {
    const submitAt = performance.now();
    let rowsAt = -1;
    const timer = setTimeout(() => {
      const rows = document.querySelectorAll('.ticket-row').length;
      const text = (document.body.textContent ?? '').slice(0, 300);
      reject(new Error(`inbox not interactive in 30 s (${rows} rows, ${location.hash}): ${text}`));
    }, 30_000);
    const selectedIndex = () => {
      const rows = [...document.querySelectorAll('.ticket-row:not(.skeleton)')];
      return rows.findIndex((r) => r.getAttribute('aria-selected') === 'true');
    };
    const tick = () => {
      const rows = document.querySelectorAll('.ticket-row:not(.skeleton)');
      if (rows.length > 1) {
        if (rowsAt < 0) rowsAt = performance.now();
        if (selectedIndex() > 0) {
          clearTimeout(timer);
          const now = performance.now();
          resolve({
            formAt: w.__formAt ?? Number.NaN,
            submitToRows: rowsAt - submitAt,
            submitToInteractive: now - submitAt,
          });
          return;
        }
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', code: 'KeyJ', bubbles: true }));
        window.dispatchEvent(new KeyboardEvent('keyup', { key: 'j', code: 'KeyJ', bubbles: true }));
      }
      requestAnimationFrame(tick);
    };
    const button = [...document.querySelectorAll('button')].find((b) => b.type === 'submit');
    if (!button) throw new Error('no submit button');
    button.click();
    requestAnimationFrame(tick);
  });
}

/** Arms the measurement of the next `j`: keydown → ticket #number with `body` rendered. */
function armNextTicket(expected) {
  const w = window;
  performance.clearResourceTimings();
  w.__next = new Promise((resolve, reject) => {
    let start = -1;
    const probe = expected.body.trim().slice(0, 40);
    const rendered = () => {
      const header = document.querySelector('.ticket-header h2');
      if (!header?.textContent?.includes(`#${expected.number}`)) return false;
      return [...document.querySelectorAll('.timeline .message-body')].some((m) =>
        (m.textContent ?? '').includes(probe),
      );
    };
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`ticket #${expected.number} not rendered in 10 s`));
    }, 10_000);
    const check = () => {
      if (start < 0 || !rendered()) return;
      observer.disconnect();
      clearTimeout(timer);
      const domAt = performance.now();
      // API requests sent after the key and answered before the render: the wait was the network.
      const fetched = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/v1/') && e.startTime >= start && e.responseEnd <= domAt).length;
      requestAnimationFrame(() =>
        setTimeout(() => resolve({ dom: domAt - start, painted: performance.now() - start, fetched })),
      );
    };
    const observer = new MutationObserver(check);
    const onKey = (event) => {
      if (event.key !== 'j') return;
      window.removeEventListener('keydown', onKey, true);
      start = performance.now();
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      check();
    };
    window.addEventListener('keydown', onKey, true);
  });
}

function awaitNextTicket() {
  const w = window;
  if (!w.__next) throw new Error('not armed');
  return w.__next;
}

/** Arms the macro measurement: Enter in the picker → status shown (optimistic), → picker closed (server answered). */
function armMacroPick(expected) {
  const w = window;
  w.__macro = new Promise((resolve, reject) => {
    let start = -1;
    let shown = -1;
    const status = () => document.querySelector('.ticket-view select[name="status"]')?.value;
    const timer = setTimeout(() => reject(new Error('macro result not rendered in 10 s')), 10_000);
    const tick = () => {
      const now = performance.now();
      if (shown < 0 && status() === expected) shown = now - start;
      if (shown >= 0 && !document.querySelector('.search-picker')) {
        clearTimeout(timer);
        resolve({ shown, confirmed: now - start });
        return;
      }
      requestAnimationFrame(tick);
    };
    const onKey = (event) => {
      if (event.key !== 'Enter') return;
      window.removeEventListener('keydown', onKey, true);
      start = performance.now();
      // After React's handler has run (same task), then every frame.
      queueMicrotask(() => setTimeout(tick));
    };
    window.addEventListener('keydown', onKey, true);
  });
}

function awaitMacroPick() {
  const w = window;
  if (!w.__macro) throw new Error('not armed');
  return w.__macro;
}

/** The apply call the UI makes, from the page; then waits for the status to show as `expected`. */
async function applyMacroInPage(args) {
  const csrf = document.cookie
    .split(';')
    .map((p) => p.trim().split('='))
    .find(([name]) => name === 'sb_csrf')?.[1];
  const select = () => document.querySelector('.ticket-view select[name="status"]');
  const start = performance.now();
  const res = await fetch(`/api/v1/tickets/${args.ticketId}/macros/${args.macroId}/apply`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'x-csrf-token': decodeURIComponent(csrf ?? ''),
      'if-match': `"${args.version}"`,
    },
  });
  await res.json();
  const answered = performance.now() - start;
  if (res.status !== 200) throw new Error(`apply: ${res.status}`);
  const rendered = await new Promise((resolve) => {
    const deadline = start + 5000;
    const tick = () => {
      if (select()?.value === args.expected) resolve(performance.now() - start);
      else if (performance.now() > deadline) resolve(null);
      else requestAnimationFrame(tick);
    };
    tick();
  });
  return { answered, rendered };
}

window.__bench = {
  signInAndWaitInteractive,
  armNextTicket,
  awaitNextTicket,
  armMacroPick,
  awaitMacroPick,
  applyMacroInPage,
};
installFormMark();
