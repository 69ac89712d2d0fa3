/** ⌘/Ctrl+K: every command of the registry, searchable in the UI language. */
import { Command as Cmdk } from 'cmdk';
import { useTranslation } from 'react-i18next';
import type { Command } from '../inbox/commands.ts';

export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose(): void }) {
  const { t } = useTranslation();
  const enabled = commands.filter((c) => c.isEnabled?.() ?? true);
  return (
    <Cmdk.Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      label={t('palette.label')}
      className="palette"
    >
      <Cmdk.Input placeholder={t('palette.placeholder')} autoFocus />
      <Cmdk.List>
        <Cmdk.Empty>{t('palette.empty')}</Cmdk.Empty>
        {enabled.map((command) => (
          <Cmdk.Item
            key={command.id}
            value={`${command.label ?? t(command.labelKey)} ${command.id}`}
            onSelect={() => {
              onClose();
              command.run();
            }}
          >
            <span>{command.label ?? t(command.labelKey)}</span>
            {command.shortcut && <kbd>{command.shortcut}</kbd>}
          </Cmdk.Item>
        ))}
      </Cmdk.List>
    </Cmdk.Dialog>
  );
}
