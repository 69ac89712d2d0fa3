/**
 * The messenger's state and behaviour, apart from rendering: the session (kept in
 * localStorage per workspace), conversations and messages, the outbox of unconfirmed
 * messages, and the socket. Every message the visitor writes gets a clientMessageId when it
 * is written and keeps it through every resend, so the server stores it once however often
 * the network fails between sending and hearing back.
 */
import { type Api, ApiError, createApi } from './api.ts';
import { type Language, pickLanguage } from './i18n.ts';
import { connectSocket, type VisitorSocket } from './socket.ts';
import type {
  Attachment,
  Conversation,
  Identity,
  Message,
  Pending,
  PublicSettings,
  ServerFrame,
  Session,
} from './types.ts';

export type State = {
  open: boolean;
  language: Language;
  settings: PublicSettings | null;
  session: Session | null;
  /** 'list': the conversations; 'chat': one conversation (activeId null: a new one). */
  view: 'list' | 'chat';
  activeId: string | null;
  conversations: Conversation[];
  messages: Record<string, Message[]>;
  pending: Pending[];
  /** Agent typing, by conversation: the agent's name, or null for "an agent". */
  typing: Record<string, string | null>;
  /** The last message an agent has read, by conversation. */
  agentRead: Record<string, string>;
  online: boolean;
  needsIdentity: boolean;
  /** The page identified its user: no pre-chat form, the site already knows who this is. */
  identified: boolean;
  /** Agent messages that arrived while the visitor was not looking (the launcher's badge). */
  unread: number;
};

export type PreChat = { name?: string; email?: string };

const TYPING_SHOWN_MS = 6000;
const TYPING_SENT_EVERY_MS = 2000;

function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const byTime = (a: Message, b: Message) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;

export type Store = ReturnType<typeof createStore>;

export function createStore(options: { base: string; workspaceKey: string; language: string | null }) {
  const api: Api = createApi(options.base, options.workspaceKey);
  const storageKey = `switchboard:${options.workspaceKey}`;
  const listeners = new Set<() => void>();
  let state: State = {
    open: false,
    language: pickLanguage(options.language ?? navigator.language),
    settings: null,
    session: null,
    view: 'chat',
    activeId: null,
    conversations: [],
    messages: {},
    pending: [],
    typing: {},
    agentRead: {},
    online: false,
    needsIdentity: false,
    identified: false,
    unread: 0,
  };
  /** The visitor picked a conversation (or "new") themselves: a reload must not switch it. */
  let chosen = false;
  let identity: Identity | null = null;
  let socket: VisitorSocket | null = null;
  let preChat: PreChat | undefined;
  let flushing = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryAttempt = 0;
  let lastTypingSent = 0;
  const typingTimers: Record<string, ReturnType<typeof setTimeout>> = {};
  const readSent: Record<string, string> = {};
  let sessionStarting: Promise<Session> | null = null;

  const set = (patch: Partial<State>) => {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  };

  function saveSession(session: Session | null) {
    try {
      if (session) localStorage.setItem(storageKey, JSON.stringify(session));
      else localStorage.removeItem(storageKey);
    } catch {
      // Storage can be off (private mode, sandboxed frames): the session lasts for the page.
    }
  }

  function loadSavedSession(): Session | null {
    try {
      const raw = localStorage.getItem(storageKey);
      return raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      return null;
    }
  }

  function useSession(session: Session | null) {
    socket?.close();
    socket = null;
    api.setToken(session?.token ?? null);
    saveSession(session);
    set({ session, online: false, needsIdentity: false });
    if (session)
      socket = connectSocket(api.socketUrl, api.socketProtocols, {
        onFrame,
        onDown: () => set({ online: false }),
      });
  }

  function dropSession() {
    useSession(null);
    chosen = false;
    set({
      conversations: [],
      messages: {},
      activeId: null,
      view: 'chat',
      agentRead: {},
      typing: {},
      unread: 0,
    });
  }

  async function ensureSession(): Promise<Session> {
    if (state.session) return state.session;
    sessionStarting ??= (async () => {
      if (!identity && state.settings?.identityRequired) {
        set({ needsIdentity: true });
        throw new ApiError(401, 'AUTH_REQUIRED', 'identify the user first');
      }
      const started = await api.startSession({
        ...(identity ? { user: identity } : {}),
        language: state.language,
      });
      const session = { ...started, userId: identity?.id ?? null };
      useSession(session);
      return session;
    })().finally(() => {
      sessionStarting = null;
    });
    return sessionStarting;
  }

  /** Runs a call; a token the server no longer knows is dropped, and the call fails as retryable. */
  async function authed<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && state.session) {
        dropSession();
        throw new ApiError(0, 'SESSION_RESET', 'session expired');
      }
      throw error;
    }
  }

  function upsertConversation(conversation: Conversation) {
    const others = state.conversations.filter((c) => c.id !== conversation.id);
    set({ conversations: [conversation, ...others].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1)) });
  }

  function addMessage(message: Message) {
    const id = message.conversationId;
    const list = state.messages[id] ?? [];
    const pending = state.pending.filter(
      (p) => !message.clientMessageId || p.clientMessageId !== message.clientMessageId,
    );
    if (list.some((m) => m.id === message.id)) {
      if (pending.length !== state.pending.length) set({ pending });
      return;
    }
    set({ messages: { ...state.messages, [id]: [...list, message].sort(byTime) }, pending });
    markRead();
  }

  async function loadConversations() {
    const { data } = await authed(() => api.conversations());
    const patch: Partial<State> = { conversations: data };
    const agentRead = { ...state.agentRead };
    for (const c of data) if (c.read.agent) agentRead[c.id] = c.read.agent;
    patch.agentRead = agentRead;
    if (!chosen && state.activeId === null && data[0] && data[0].status !== 'closed') {
      patch.activeId = data[0].id;
    }
    set(patch);
  }

  async function loadMessages(id: string) {
    const { data } = await authed(() => api.messages(id));
    const pending = state.pending.filter((p) => !data.some((m) => m.clientMessageId === p.clientMessageId));
    set({ messages: { ...state.messages, [id]: data }, pending });
    markRead();
  }

  async function resync() {
    await loadConversations();
    if (state.activeId) await loadMessages(state.activeId);
  }

  function onFrame(frame: ServerFrame) {
    if (frame.type === 'ready') {
      set({ online: true });
      retryAttempt = 0;
      resync().catch(() => {});
      void flush();
    } else if (frame.type === 'message') {
      const known = state.messages[frame.message.conversationId]?.some((m) => m.id === frame.message.id);
      const looking = state.open && state.view === 'chat' && state.activeId === frame.message.conversationId;
      if (!known && !looking && frame.message.author.type !== 'visitor') set({ unread: state.unread + 1 });
      addMessage(frame.message);
      if (frame.message.author.type !== 'visitor') clearTyping(frame.message.conversationId);
    } else if (frame.type === 'typing') {
      set({ typing: { ...state.typing, [frame.conversationId]: frame.name } });
      clearTimeout(typingTimers[frame.conversationId]);
      typingTimers[frame.conversationId] = setTimeout(
        () => clearTyping(frame.conversationId),
        TYPING_SHOWN_MS,
      );
    } else if (frame.type === 'read' && frame.side === 'agent') {
      set({ agentRead: { ...state.agentRead, [frame.conversationId]: frame.messageId } });
    } else if (frame.type === 'status') {
      const conversation = state.conversations.find((c) => c.id === frame.conversationId);
      if (conversation) upsertConversation({ ...conversation, status: frame.status });
    } else if (frame.type === 'resync') {
      resync().catch(() => {});
    }
  }

  function clearTyping(conversationId: string) {
    if (!(conversationId in state.typing)) return;
    const typing = { ...state.typing };
    delete typing[conversationId];
    set({ typing });
  }

  function markRead() {
    const id = state.activeId;
    if (!state.open || state.view !== 'chat' || !id || !socket) return;
    const last = [...(state.messages[id] ?? [])].reverse().find((m) => m.author.type !== 'visitor');
    if (!last || readSent[id] === last.id) return;
    if (socket.send({ type: 'read', conversationId: id, messageId: last.id })) readSent[id] = last.id;
  }

  async function deliver(p: Pending) {
    await ensureSession();
    const attachmentIds =
      p.attachmentIds ??
      (await Promise.all(p.files.map((f) => authed(() => api.upload(f))))).map((a) => a.id);
    updatePending(p.clientMessageId, { attachmentIds });
    const input = { clientMessageId: p.clientMessageId, bodyText: p.bodyText, attachmentIds };
    if (p.conversationId === null) {
      const { conversation, message } = await authed(() =>
        api.startConversation({ ...input, ...(preChat ? { preChat } : {}) }),
      );
      upsertConversation(conversation);
      // Everything else written before the conversation existed belongs to it.
      set({
        pending: state.pending.map((q) =>
          q.conversationId === null ? { ...q, conversationId: conversation.id } : q,
        ),
        ...(state.activeId === null ? { activeId: conversation.id } : {}),
      });
      socket?.send({ type: 'subscribe', conversationId: conversation.id });
      addMessage(message);
    } else {
      const conversationId = p.conversationId;
      addMessage(await authed(() => api.send(conversationId, input)));
    }
  }

  function updatePending(clientMessageId: string, patch: Partial<Pending>) {
    set({
      pending: state.pending.map((p) => (p.clientMessageId === clientMessageId ? { ...p, ...patch } : p)),
    });
  }

  /** Sends the outbox in order; stops at the first failure worth retrying and retries later. */
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (;;) {
        const next = state.pending.find((p) => p.state !== 'failed');
        if (!next) break;
        try {
          updatePending(next.clientMessageId, { state: 'sending' });
          await deliver(next);
          set({ pending: state.pending.filter((p) => p.clientMessageId !== next.clientMessageId) });
          retryAttempt = 0;
        } catch (error) {
          if (error instanceof ApiError && !error.retryable) {
            updatePending(next.clientMessageId, { state: 'failed' });
            continue;
          }
          set({ pending: state.pending.map((p) => (p.state === 'failed' ? p : { ...p, state: 'waiting' })) });
          scheduleRetry();
          break;
        }
      }
    } finally {
      flushing = false;
    }
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    const delay = Math.min(30_000, 1000 * 2 ** retryAttempt);
    retryAttempt += 1;
    retryTimer = setTimeout(() => void flush(), delay);
  }

  async function openPanel() {
    set({ open: true, unread: 0 });
    try {
      await ensureSession();
      await resync();
    } catch {
      // Shown through state (needsIdentity, offline); the socket's ready frame resyncs later.
    }
  }

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async boot() {
      // A saved session is reused only for the same person: an identified session is not
      // handed to whoever uses the browser next without the page identifying them again.
      const saved = loadSavedSession();
      if (saved && (saved.userId ?? null) === (identity?.id ?? null)) useSession(saved);
      else if (saved) saveSession(null);
      set({ settings: await api.settings() });
    },
    open: openPanel,
    close: () => set({ open: false }),
    toggle: () => (state.open ? set({ open: false }) : void openPanel()),
    setLanguage: (tag: string) => set({ language: pickLanguage(tag) }),
    async identify(next: Identity) {
      identity = next;
      set({ identified: true });
      if (state.session && state.session.userId !== next.id) dropSession();
      if (state.open || state.needsIdentity) await openPanel();
    },
    logout() {
      identity = null;
      set({ identified: false });
      dropSession();
    },
    showList() {
      set({ view: 'list' });
      loadConversations().catch(() => {});
    },
    showConversation(id: string | null) {
      chosen = true;
      set({ view: 'chat', activeId: id, unread: 0 });
      if (id) loadMessages(id).catch(() => {});
    },
    send(bodyText: string, files: File[], given?: PreChat) {
      if (given) preChat = given;
      const text = bodyText.trim();
      if (!text && files.length === 0) return;
      const pending: Pending = {
        clientMessageId: newClientId(),
        conversationId: state.activeId,
        bodyText: text,
        files,
        attachmentIds: null,
        state: 'sending',
      };
      set({ pending: [...state.pending, pending] });
      void flush();
    },
    retry(clientMessageId: string) {
      updatePending(clientMessageId, { state: 'sending' });
      void flush();
    },
    typing() {
      const now = Date.now();
      if (!state.activeId || now - lastTypingSent < TYPING_SENT_EVERY_MS) return;
      if (socket?.send({ type: 'typing', conversationId: state.activeId })) lastTypingSent = now;
    },
    async download(conversationId: string, attachment: Attachment) {
      const blob = await api.download(conversationId, attachment.id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = attachment.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}
