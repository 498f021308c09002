/**
 * Evidence exports of a drone incident (issue 5): GeoJSON, Cursor-on-Target, CSV and a printable
 * report in English or Spanish, each a file with its SHA-256, and the record of each export in the
 * node's audit log. The HTTP route (`GET /api/v1/drones/incidents/:id/evidence?format=…&lang=…`)
 * exports, records, and only then answers.
 */
import type { IncidentView } from '../model.js';
import { exportCot } from './cot.js';
import { exportCsv } from './csv.js';
import { exportGeoJson } from './geojson.js';
import {
  EvidenceExportError,
  isEvidenceFormat,
  isEvidenceLang,
  type EvidenceFile,
  type EvidenceFormat,
  type EvidenceLang,
} from './model.js';
import { exportReport } from './report.js';

export { exportCot, cotTypeOf, PILOT_TYPE, COT_CONTENT_TYPE } from './cot.js';
export { exportCsv, CSV_COLUMNS, CSV_CONTENT_TYPE } from './csv.js';
export { exportGeoJson, GEOJSON_CONTENT_TYPE } from './geojson.js';
export { exportReport, REPORT_CONTENT_TYPE } from './report.js';
export { checkIncidentView, LIMITS as EVIDENCE_LIMITS } from './check.js';
export { recordEvidenceExport } from './record.js';
export { evidenceMessages } from './messages.js';
export {
  EVIDENCE_FORMATS,
  EVIDENCE_LANGS,
  EvidenceExportError,
  isEvidenceFormat,
  isEvidenceLang,
  type EvidenceFile,
  type EvidenceFormat,
  type EvidenceLang,
  type EvidenceRejection,
} from './model.js';

/**
 * One export of one incident version. `lang` words the report and the CoT remarks; GeoJSON and
 * CSV carry no prose and are the same in both languages.
 * @throws EvidenceExportError for an unknown format or language, or a view that is malformed or too large
 */
export function exportIncident(view: IncidentView, format: EvidenceFormat, lang: EvidenceLang): EvidenceFile {
  // The route hands over query text: refuse it here too rather than fall through to a default.
  if (!isEvidenceFormat(format)) throw new EvidenceExportError('format', { format: String(format).slice(0, 40) });
  if (!isEvidenceLang(lang)) throw new EvidenceExportError('lang', { lang: String(lang).slice(0, 40) });
  switch (format) {
    case 'geojson':
      return exportGeoJson(view);
    case 'cot':
      return exportCot(view, lang);
    case 'csv':
      return exportCsv(view);
    case 'report':
      return exportReport(view, lang);
  }
}
