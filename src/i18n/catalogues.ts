import { auditMessages } from '../audit/messages.js';
import { cliMessages } from '../cli/messages.js';
import { consoleMessages } from '../console/messages.js';
import { cryptoMessages } from '../crypto/messages.js';
import { demoMessages } from '../demo/messages.js';
import { demoDroneMessages } from '../demo/drone-messages.js';
import { cotMessages } from '../drones/cot/messages.js';
import { dronesIncidentsMessages } from '../drones/incidents/messages.js';
import { alertsMessages } from '../drones/alerts/messages.js';
import { evidenceMessages } from '../drones/evidence/messages.js';
import { remoteIdMessages } from '../drones/remote-id/messages.js';
import { simulatorMessages } from '../drones/simulator/messages.js';
import { ingestMessages } from '../drones/ingest/messages.js';
import { tracksMessages } from '../drones/tracks/messages.js';
import { proposalMessages } from '../proposals/messages.js';
import { messages as releaseMessages } from '../release/policy/messages.js';
import { releaseMessages as releaseApiMessages } from '../release/messages.js';
import { messages as stixMessages } from '../stix/messages.js';
import { en as storeEn, es as storeEs } from '../store/messages.js';
import { taxiiMessages } from '../taxii/messages.js';
import type { Catalogue } from './index.js';

/**
 * Message catalogues of the other modules, by namespace. Each module keeps its own texts beside
 * its code; this list is the one place that gathers them.
 */
export const catalogues: Record<string, Catalogue> = {
  audit: auditMessages,
  cli: cliMessages,
  console: consoleMessages,
  cot: cotMessages,
  'drones-incidents': dronesIncidentsMessages,
  'drones-alerts': alertsMessages,
  'drones-evidence': evidenceMessages,
  crypto: cryptoMessages,
  demo: demoMessages,
  'demo-drones': demoDroneMessages,
  proposals: proposalMessages,
  release: releaseMessages,
  'remote-id': remoteIdMessages,
  'drones-ingest': ingestMessages,
  'drones-tracks': tracksMessages,
  'drones-simulator': simulatorMessages,
  'release-api': releaseApiMessages,
  stix: stixMessages,
  store: { en: storeEn, es: storeEs },
  taxii: taxiiMessages,
};
