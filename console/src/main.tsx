import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './app/api.js';
import { App, type FirstRequests } from './app/App.js';
import { initialLocale } from './app/preference.js';
import { initI18n } from './i18n/index.js';
import type { NodeCard, Session } from './lib/types.js';
import './styles.css';
import './screens.css';

const root = document.getElementById('root');
if (root) {
  // Asked at once, while the catalogue of the reader's language loads, so the first screen waits for one round trip, not three.
  const first: FirstRequests = {
    session: api.get<Session>('/console/api/session', undefined, { expectUnauthorized: true }),
    // The node card is served beside the TAXII routes, which refuse a bare application/json Accept.
    node: api.get<NodeCard>('/enlace/node-card', undefined, { accept: '*/*' }),
  };
  // Handled by App; marked here so that a failure before App mounts is not reported as unhandled.
  first.session.catch(() => undefined);
  first.node.catch(() => undefined);
  void initI18n(initialLocale()).then(() => {
    createRoot(root).render(
      <StrictMode>
        <App first={first} />
      </StrictMode>,
    );
  });
}
