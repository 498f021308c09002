import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { OriginChip } from '../components/Badges.js';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { Loading } from '../components/States.js';
import { canOpen, hrefOf, parseRoute, sectionOf, SECTIONS, type Route, type Section } from '../lib/routes.js';
import { DroneNavBadge, useDroneFeedLifetime } from '../screens/drones/NavAlerts.js';
import type { Notice } from './App.js';
import { Link, useLocation } from './router.js';
import { useSession } from './session.js';

const Overview = lazy(() => import('../screens/Overview.js'));
const Intelligence = lazy(() => import('../screens/Intelligence.js'));
const ObjectScreen = lazy(() => import('../screens/ObjectScreen.js'));
const Release = lazy(() => import('../screens/Release.js'));
const Audit = lazy(() => import('../screens/Audit.js'));
const Admin = lazy(() => import('../screens/Admin.js'));
const Drones = lazy(() => import('../screens/Drones.js'));
const NotFound = lazy(() => import('../screens/NotFound.js'));

const NAV_TEST_IDS: Record<Section, string> = {
  overview: 'nav-overview',
  drones: 'nav-drones',
  intelligence: 'nav-intelligence',
  release: 'nav-release',
  audit: 'nav-audit',
  admin: 'nav-admin',
};

function screenOf(route: Route, permissions: readonly string[]) {
  const section = sectionOf(route);
  if (section !== null && !canOpen(section, permissions)) return <NotFound reason="forbidden" />;
  switch (route.name) {
    case 'overview':
      return <Overview />;
    case 'intelligence':
      return <Intelligence search={route.search} />;
    case 'object':
      return <ObjectScreen id={route.id} />;
    case 'release':
      return <Release peer={route.peer} id={route.id} />;
    case 'audit':
      return <Audit peer={route.peer} />;
    case 'admin':
      return <Admin />;
    case 'drones':
      return <Drones incident={route.incident} />;
    case 'not-found':
      return <NotFound reason="missing" />;
  }
}

/** The frame around every screen: who and where you are, where you can go, your language. */
export function Shell({ notices, dismiss }: { notices: Notice[]; dismiss: (id: number) => void }) {
  const { t } = useTranslation();
  const { session, node, signOut, setLocale } = useSession();
  const { pathname, search } = useLocation();
  const route = parseRoute(pathname, search);
  const section = sectionOf(route);
  const permissions = session.user.permissions;
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useDroneFeedLifetime();

  // After a move to another screen, keyboard and screen-reader users start at its heading.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  useEffect(() => {
    const screen = section !== null ? t(`nav.${section}`) : t('notFound.title');
    document.title = node ? t('app.documentTitleNode', { screen, node: node.name }) : t('app.documentTitle', { screen });
  }, [section, node, t]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <Link to={hrefOf({ name: 'overview' })} className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t('app.name')}</span>
        </Link>
        {node && (
          <div className="topbar-node" aria-label={t('shell.thisNode')}>
            <OriginChip originator={{ id: node.identity_id, name: node.name, country: node.country, self: false, peer: null }} />
            <span className="topbar-org">{node.organisation}</span>
          </div>
        )}
        <div className="topbar-spacer" />
        <LanguageSwitch onChange={setLocale} />
        <div className="topbar-user">
          <span className="user-name">{session.user.displayName || session.user.username}</span>
          <span className="user-roles">{session.user.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')}</span>
        </div>
        <button type="button" className="button button-quiet" onClick={signOut}>
          {t('shell.signOut')}
        </button>
      </header>
      <nav className="sidenav" aria-label={t('nav.label')}>
        <ul>
          {SECTIONS.filter((s) => canOpen(s, permissions)).map((s) => (
            <li key={s}>
              <Link
                to={hrefOf(
                  s === 'intelligence'
                    ? { name: s, search: '' }
                    : s === 'release'
                      ? { name: s, peer: null, id: null }
                      : s === 'audit'
                        ? { name: s, peer: null }
                        : s === 'drones'
                          ? { name: s, incident: null }
                          : { name: s },
                )}
                data-testid={NAV_TEST_IDS[s]}
                aria-current={section === s ? 'page' : undefined}
                className="nav-link"
              >
                <span className={`nav-icon nav-icon-${s}`} aria-hidden="true" />
                {t(`nav.${s}`)}
                {s === 'drones' && <DroneNavBadge />}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        <div className="notices" role="status" aria-live="polite">
          {notices.map((n) => (
            <div key={n.id} className={`notice notice-${n.tone}`}>
              <span>{n.text}</span>
              <button type="button" className="button button-quiet button-small" onClick={() => dismiss(n.id)}>
                {t('common.dismiss')}
              </button>
            </div>
          ))}
        </div>
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<Loading />}>{screenOf(route, permissions)}</Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
