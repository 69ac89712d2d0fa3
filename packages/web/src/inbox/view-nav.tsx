/** The left pane: built-in views, then the agent's settings (language, theme) and sign-out. */
import { useTranslation } from 'react-i18next';
import { routeHref } from '../router.ts';
import { type ViewId, viewIds } from './views.ts';

type Props = {
  current: ViewId;
  theme: 'light' | 'dark';
  onToggleTheme(): void;
  onToggleLanguage(): void;
  onSignOut(): void;
};

export function ViewNav(props: Props) {
  const { t } = useTranslation();
  return (
    <nav className="view-nav" aria-label={t('nav.label')}>
      <h1 className="brand">Switchboard</h1>
      <ul>
        {viewIds.map((view) => (
          <li key={view}>
            <a
              href={routeHref({ view, ticketId: null })}
              aria-current={view === props.current ? 'page' : undefined}
            >
              {t(`views.${view}`)}
            </a>
          </li>
        ))}
      </ul>
      <div className="nav-footer">
        <button type="button" onClick={props.onToggleLanguage} data-action="language">
          {t('nav.language')}
        </button>
        <button
          type="button"
          onClick={props.onToggleTheme}
          data-action="theme"
          aria-pressed={props.theme === 'dark'}
        >
          {props.theme === 'dark' ? t('nav.lightTheme') : t('nav.darkTheme')}
        </button>
        <button type="button" onClick={props.onSignOut}>
          {t('nav.signOut')}
        </button>
      </div>
    </nav>
  );
}
