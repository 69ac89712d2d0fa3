/**
 * The loader: `<script src="https://<switchboard>/widget.js" data-workspace="<key>" async>`.
 * It finds its own script tag (for the server's address and the workspace key), mounts the
 * messenger in a shadow root so that page and widget styles never mix, and answers the JS
 * API `window.Switchboard(command, argument)`: 'identify' {id, hash, name?, email?}, 'open',
 * 'close', 'language' ('ko' | 'en'), 'logout'. Calls queued before the script loaded
 * (`window.Switchboard.q`, as the snippet in docs/MESSENGER.md makes) are replayed.
 */
import { render } from 'preact';
import { App } from './app.tsx';
import { createStore } from './store.ts';
import { styles } from './styles.ts';
import type { Identity } from './types.ts';

type Command = 'identify' | 'open' | 'close' | 'language' | 'logout';
type SwitchboardApi = ((command: Command, argument?: unknown) => void) & { q?: [Command, unknown][] };

declare global {
  interface Window {
    Switchboard?: SwitchboardApi;
  }
}

function start() {
  const script = (document.currentScript ??
    document.querySelector('script[data-workspace]')) as HTMLScriptElement | null;
  const workspaceKey = script?.dataset.workspace;
  if (!script || !workspaceKey) {
    console.error('Switchboard: add data-workspace="<workspace key>" to the widget script tag.');
    return;
  }
  const store = createStore({
    base: new URL(script.src).origin,
    workspaceKey,
    language: script.dataset.language ?? null,
  });
  const queued = window.Switchboard?.q ?? [];
  const api: SwitchboardApi = (command, argument) => {
    if (command === 'identify') void store.identify(argument as Identity);
    else if (command === 'open') void store.open();
    else if (command === 'close') store.close();
    else if (command === 'language') store.setLanguage(String(argument));
    else if (command === 'logout') store.logout();
  };
  window.Switchboard = api;
  for (const [command, argument] of queued) api(command, argument);

  const mount = () => {
    const host = document.createElement('div');
    host.id = 'switchboard-messenger';
    document.body.appendChild(host);
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = styles;
    root.appendChild(style);
    const container = document.createElement('div');
    root.appendChild(container);
    render(<App store={store} />, container);
  };
  if (document.body) mount();
  else addEventListener('DOMContentLoaded', mount);
  store.boot().catch((error: unknown) => console.error('Switchboard: could not load the messenger.', error));
}

start();
