/**
 * Public reply or internal note. ⌘/Ctrl+Enter sends; the message appears in the timeline at
 * once and is taken back, with the text kept and a message shown, if the server refuses it.
 */
import { type KeyboardEvent, type Ref, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSendMessage } from '../api/use-messages.ts';
import { isImeComposing } from '../keyboard/use-shortcuts.ts';
import { CannedPicker } from './canned-picker.tsx';
import { CollisionWarning, useCollisionGuard } from './presence-collision.tsx';

export type ComposerMode = 'reply' | 'note';
export type ComposerHandle = { focus(mode: ComposerMode): void };

type Props = { ticketId: string; userId: string; ref?: Ref<ComposerHandle> };

export function Composer({ ticketId, userId, ref }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<ComposerMode>('reply');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const send = useSendMessage(ticketId, userId);
  // ⌘/Ctrl+/: the canned-response picker; its text goes where the selection was.
  const [canned, setCanned] = useState<{ start: number; end: number } | null>(null);
  const insertCanned = (inserted: string) => {
    const at = canned ?? { start: text.length, end: text.length };
    setCanned(null);
    setText((prev) => prev.slice(0, at.start) + inserted + prev.slice(at.end));
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(at.start + inserted.length, at.start + inserted.length);
    });
  };

  useImperativeHandle(ref, () => ({
    focus(next) {
      setMode(next);
      textarea.current?.focus();
    },
  }));

  // Someone else replied while this reply was written: the first send only warns (presence-collision.tsx).
  const collision = useCollisionGuard(ticketId, userId, mode === 'reply' && text.trim() !== '');
  const submit = async (force = false) => {
    if (!text.trim()) return;
    if (mode === 'reply' && !force && !(await collision.maySend())) return;
    const bodyText = (textarea.current?.value ?? text).trim();
    if (!bodyText) return;
    setError(null);
    setText('');
    send.mutate(
      { bodyText, visibility: mode === 'note' ? 'internal' : 'public' },
      {
        onError: (e) => {
          setText(bodyText);
          setError(t('composer.failed', { detail: e.message }));
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isImeComposing(event.nativeEvent)) return;
    if (event.key === '/' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      setCanned({ start: event.currentTarget.selectionStart, end: event.currentTarget.selectionEnd });
      return;
    }
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape') {
      event.currentTarget.blur();
    }
  };

  return (
    <section className={`composer composer-${mode}`} aria-label={t('composer.label')}>
      <fieldset className="composer-modes" aria-label={t('composer.mode')}>
        {(['reply', 'note'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            className={mode === m ? 'active' : ''}
            onClick={() => setMode(m)}
          >
            {t(`composer.${m}`)}
          </button>
        ))}
      </fieldset>
      <textarea
        ref={textarea}
        name="body"
        aria-label={mode === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
        placeholder={mode === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        rows={4}
      />
      {canned && <CannedPicker ticketId={ticketId} onInsert={insertCanned} onClose={() => setCanned(null)} />}
      {mode === 'reply' && <CollisionWarning guard={collision} onSendAnyway={() => void submit(true)} />}
      <div className="composer-footer">
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <span className="hint">{t('composer.sendHint')}</span>
        <button type="button" onClick={() => void submit()} disabled={!text.trim()}>
          {mode === 'note' ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </section>
  );
}
