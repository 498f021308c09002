import { groupFingerprint } from '../lib/format.js';

/**
 * A key fingerprint in groups of four, four groups a line, as people compare it aloud with the
 * partner.
 */
export function Fingerprint({ value }: { value: string }) {
  const groups = groupFingerprint(value).split(' ');
  return (
    <code className="fingerprint" aria-label={groups.join(' ')}>
      {groups.map((g, i) => (
        <span key={`${g}-${i}`}>{g}</span>
      ))}
    </code>
  );
}
