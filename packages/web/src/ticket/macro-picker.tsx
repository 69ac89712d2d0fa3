/**
 * `m` on a ticket: pick a macro and apply it. The ticket shows simple field changes at once;
 * a refusal (412, 422…) is shown here with the search kept, and the ticket rolls back.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { type MacroDto, useApplyMacro, useMacros } from '../api/use-macros.ts';
import { SearchPicker } from './search-picker.tsx';

type Props = { ticketId: string; applyNow?: string | null; onClose(): void };

export function MacroPicker({ ticketId, applyNow, onClose }: Props) {
  const { t } = useTranslation();
  const macros = useMacros();
  const apply = useApplyMacro(ticketId);
  const run = (macro: MacroDto) => apply.mutate(macro, { onSuccess: onClose });

  // "Apply macro: <name>" from the palette applies as soon as the macro is known.
  const started = useRef(false);
  useEffect(() => {
    const macro = macros.data?.find((m) => m.id === applyNow);
    if (!macro || started.current) return;
    started.current = true;
    apply.mutate(macro, { onSuccess: onClose });
  }, [macros.data, applyNow, apply, onClose]);

  const error = apply.error ?? macros.error;
  const status = error ? (
    <p role="alert" className="form-error">
      {error instanceof ApiError && error.status === 412
        ? t('macros.conflict')
        : t('macros.failed', { detail: error.message })}
    </p>
  ) : apply.isPending ? (
    <p className="hint">{t('macros.applying')}</p>
  ) : null;

  return (
    <SearchPicker
      title={t('macros.title')}
      placeholder={t('macros.placeholder')}
      empty={macros.isPending ? t('macros.loading') : t('macros.empty')}
      items={(macros.data ?? []).map((m) => ({
        id: m.id,
        label: m.name,
        ...(m.description ? { detail: m.description } : {}),
        search: `${m.name} ${m.description ?? ''}`,
      }))}
      busy={apply.isPending}
      status={status}
      onPick={(id) => {
        const macro = macros.data?.find((m) => m.id === id);
        if (macro) run(macro);
      }}
      onClose={onClose}
    />
  );
}
