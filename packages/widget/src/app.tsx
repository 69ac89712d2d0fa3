/** The messenger's UI: launcher button, panel, conversation list, messages and composer. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Words, words } from './i18n.ts';
import type { State, Store } from './store.ts';
import type { Message, Pending } from './types.ts';

function useStoreState(store: Store): State {
  const [state, setState] = useState(store.getState());
  useEffect(() => store.subscribe(() => setState(store.getState())), [store]);
  return state;
}

export function App({ store }: { store: Store }) {
  const state = useStoreState(store);
  const t = words[state.language];
  const launcher = useRef<HTMLButtonElement>(null);
  if (!state.settings?.enabled) return null;
  const close = () => {
    store.close();
    launcher.current?.focus();
  };
  return (
    <div style={{ '--brand': state.settings.brandColor }}>
      {state.open && (
        <section
          class="panel"
          role="dialog"
          aria-label={t.title}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
        >
          <header>
            {state.view === 'chat' && (
              <button type="button" onClick={() => store.showList()} aria-label={t.conversations}>
                ☰
              </button>
            )}
            <h2>{t.title}</h2>
            <button type="button" onClick={close} aria-label={t.close}>
              ✕
            </button>
          </header>
          {!state.online && state.session && (
            <div class="banner" role="status">
              {t.offline}
            </div>
          )}
          {state.needsIdentity ? (
            <p class="greeting">{t.signInRequired}</p>
          ) : state.view === 'list' ? (
            <ConversationList state={state} store={store} t={t} />
          ) : (
            <Chat state={state} store={store} t={t} />
          )}
        </section>
      )}
      <button
        ref={launcher}
        type="button"
        class="launcher"
        aria-label={state.open ? t.close : state.unread > 0 ? `${t.open}, ${t.unread(state.unread)}` : t.open}
        aria-expanded={state.open}
        onClick={() => store.toggle()}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
        </svg>
        {state.unread > 0 && !state.open && (
          <span class="badge" aria-hidden="true">
            {state.unread}
          </span>
        )}
      </button>
    </div>
  );
}

function ConversationList({ state, store, t }: { state: State; store: Store; t: Words }) {
  return (
    <ul class="list" aria-label={t.conversations}>
      <li>
        <button type="button" class="new" onClick={() => store.showConversation(null)}>
          {t.newConversation}
        </button>
      </li>
      {state.conversations.map((c) => (
        <li key={c.id}>
          <button type="button" onClick={() => store.showConversation(c.id)}>
            {c.subject}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Chat({ state, store, t }: { state: State; store: Store; t: Words }) {
  const id = state.activeId;
  const messages = id ? (state.messages[id] ?? []) : [];
  const pending = state.pending.filter((p) => p.conversationId === id);
  const conversation = state.conversations.find((c) => c.id === id);
  const greeting = state.settings?.greeting[state.language] || t.greeting;
  const log = useRef<HTMLDivElement>(null);
  useEffect(() => {
    log.current?.scrollTo(0, log.current.scrollHeight);
  }, [messages.length, pending.length]);
  const readUpTo = id ? state.agentRead[id] : undefined;
  const readIndex = readUpTo ? messages.findIndex((m) => m.id === readUpTo) : -1;
  const seenIndex = messages.reduce(
    (last, m, i) => (m.author.type === 'visitor' && i <= readIndex ? i : last),
    -1,
  );
  return (
    <>
      <div class="log" ref={log} role="log" aria-live="polite" aria-label={t.title}>
        <div class="greeting">{greeting}</div>
        {messages.map((m, i) => (
          <MessageItem key={m.id} message={m} store={store} t={t} seen={i === seenIndex} />
        ))}
        {pending.map((p) => (
          <PendingItem key={p.clientMessageId} pending={p} store={store} t={t} />
        ))}
      </div>
      {id && id in state.typing && (
        <div class="typing" role="status">
          {t.agentTyping(state.typing[id] ?? null)}
        </div>
      )}
      {conversation?.status === 'closed' ? (
        <p class="banner">{t.closed}</p>
      ) : (
        <Composer state={state} store={store} t={t} />
      )}
    </>
  );
}

function MessageItem({
  message,
  store,
  t,
  seen,
}: {
  message: Message;
  store: Store;
  t: Words;
  seen: boolean;
}) {
  const mine = message.author.type === 'visitor';
  return (
    <>
      <div class={`msg ${message.author.type}`} data-message-id={message.id}>
        <span class="who">{mine ? t.you : (message.author.name ?? t.agent)}</span>
        {message.bodyText}
        {message.attachments.map((a) => (
          <button
            key={a.id}
            type="button"
            class="file"
            onClick={() => void store.download(message.conversationId, a)}
          >
            📎 {a.filename}
          </button>
        ))}
      </div>
      {seen && <div class="meta">{t.seen}</div>}
    </>
  );
}

function PendingItem({ pending, store, t }: { pending: Pending; store: Store; t: Words }) {
  return (
    <>
      <div class="msg visitor pending" data-client-id={pending.clientMessageId}>
        {pending.bodyText}
        {pending.files.map((f) => (
          <span key={f.name} class="file">
            📎 {f.name}
          </span>
        ))}
      </div>
      <div class="meta">
        {pending.state === 'failed' ? (
          <button type="button" onClick={() => store.retry(pending.clientMessageId)}>
            {t.failed}
          </button>
        ) : pending.state === 'waiting' ? (
          t.waiting
        ) : (
          t.sending
        )}
      </div>
    </>
  );
}

function Composer({ state, store, t }: { state: State; store: Store; t: Words }) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const preChat = state.settings?.preChat;
  const visitor = state.session?.visitor;
  const askName = !state.activeId && !state.identified && preChat?.name !== 'off' && !visitor?.name;
  const askEmail = !state.activeId && !state.identified && preChat?.email !== 'off' && !visitor?.email;
  const submit = (e?: Event) => {
    e?.preventDefault();
    if (!text.trim() && files.length === 0) return;
    const given = {
      ...(askName && name.trim() ? { name: name.trim() } : {}),
      ...(askEmail && email.trim() ? { email: email.trim() } : {}),
    };
    store.send(text, files, askName || askEmail ? given : undefined);
    setText('');
    setFiles([]);
  };
  const optional = (mode: string | undefined) => (mode === 'required' ? '' : ` ${t.optional}`);
  return (
    <form onSubmit={submit}>
      {askName && (
        <label>
          {t.name + optional(preChat?.name)}
          <input
            value={name}
            required={preChat?.name === 'required'}
            autocomplete="name"
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
      )}
      {askEmail && (
        <label>
          {t.email + optional(preChat?.email)}
          <input
            type="email"
            value={email}
            required={preChat?.email === 'required'}
            autocomplete="email"
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
      )}
      {files.length > 0 && (
        <div class="chips">
          {files.map((f) => (
            <button
              key={f.name}
              type="button"
              class="chip"
              aria-label={t.removeFile(f.name)}
              onClick={() => setFiles(files.filter((x) => x !== f))}
            >
              📎 {f.name} ✕
            </button>
          ))}
        </div>
      )}
      <div class="row">
        <button type="button" class="attach" aria-label={t.attach} onClick={() => fileInput.current?.click()}>
          📎
        </button>
        <input
          ref={fileInput}
          type="file"
          class="sr"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            setFiles([...files, ...Array.from(e.currentTarget.files ?? [])]);
            e.currentTarget.value = '';
          }}
        />
        <label class="sr" for="sb-message">
          {t.messageLabel}
        </label>
        <textarea
          id="sb-message"
          rows={1}
          value={text}
          placeholder={t.placeholder}
          onInput={(e) => {
            setText(e.currentTarget.value);
            store.typing();
          }}
          onKeyDown={(e) => {
            // Enter while a Korean (or any IME) syllable is being composed confirms the syllable.
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) submit(e);
          }}
        />
        <button type="submit" class="send">
          {t.send}
        </button>
      </div>
    </form>
  );
}
