/**
 * Public reply or internal note. ⌘/Ctrl+Enter sends; the message appears in the timeline at
 * once and is taken back, with the text kept and a message shown, if the server refuses it.
 */
import { type KeyboardEvent, type Ref, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSendMessage } from '../api/use-messages.ts';
import { isImeComposing } from '../keyboard/use-shortcuts.ts';

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

  useImperativeHandle(ref, () => ({
    focus(next) {
      setMode(next);
      textarea.current?.focus();
    },
  }));

  const submit = () => {
    const bodyText = text.trim();
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
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      submit();
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
      <div className="composer-footer">
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <span className="hint">{t('composer.sendHint')}</span>
        <button type="button" onClick={submit} disabled={!text.trim()}>
          {mode === 'note' ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </section>
  );
}
