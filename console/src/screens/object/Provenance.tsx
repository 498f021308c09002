import { useTranslation } from 'react-i18next';
import { OriginChip, StatusBadge } from '../../components/Badges.js';
import { Fingerprint } from '../../components/Fingerprint.js';
import { Time } from '../../components/Time.js';
import { shortId } from '../../lib/format.js';
import type { ListItem, VersionInfo } from '../../lib/types.js';

/**
 * The originator's signature, in plain words: what a valid one proves (this is exactly what that
 * node published) and what to do when it does not check out.
 */
export function SignatureVerdict({ version, item }: { version: VersionInfo | undefined; item: ListItem }) {
  const { t } = useTranslation();
  if (!version) return <p className="muted">{t('object.noSignature')}</p>;
  const s = version.signature;
  const signer = s.signerName ?? s.signer ?? t('object.unknownSigner');
  return (
    <div className={`verdict ${s.valid ? 'verdict-ok' : 'verdict-bad'}`}>
      <p className="verdict-title">
        <StatusBadge tone={s.valid ? 'ok' : 'bad'}>{s.valid ? t('object.signatureValid') : t('object.signatureInvalid')}</StatusBadge>
      </p>
      <p>{s.valid ? t('object.signatureValidText', { signer }) : t('object.signatureInvalidText', { signer })}</p>
      {!s.valid && s.reason && (
        <p>
          <strong>{t('object.signatureReason')}</strong>
          {` ${t(`object.signatureProblem.${s.reason}`, { defaultValue: s.reason })}`}
        </p>
      )}
      {!s.valid && <p className="state-hint">{t('object.signatureInvalidHint')}</p>}
      <dl className="facts">
        <dt>{t('object.signedBy')}</dt>
        <dd>{s.signer === item.originator.id ? <OriginChip originator={item.originator} /> : signer}</dd>
        {s.fingerprint && (
          <>
            <dt>{t('object.keyFingerprint')}</dt>
            <dd>
              <Fingerprint value={s.fingerprint} />
            </dd>
          </>
        )}
      </dl>
      <p className="muted small">{t('object.fingerprintHint')}</p>
    </div>
  );
}

/** Every version the node holds, newest first, with who signed each and whether it checks out. */
export function Versions({ versions }: { versions: VersionInfo[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">{t('object.versionsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('object.version')}</th>
            <th scope="col">{t('object.madeBy')}</th>
            <th scope="col">{t('object.signature')}</th>
            <th scope="col">{t('object.received')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={`${v.version}-${v.contentHash}`}>
              <td>
                <Time iso={v.version} />
                {v.revoked && (
                  <>
                    {' '}
                    <StatusBadge tone="bad">{t('objects.revoked')}</StatusBadge>
                  </>
                )}
              </td>
              <td>{v.signature.signerName ?? v.signature.signer ?? t('object.unknownSigner')}</td>
              <td>
                <StatusBadge tone={v.signature.valid ? 'ok' : 'bad'}>
                  {v.signature.valid ? t('object.verified') : t('object.notVerified')}
                </StatusBadge>
                <span className="muted mono small" title={v.contentHash}>{` ${shortId(v.contentHash)}`}</span>
              </td>
              <td>
                <Time iso={v.dateAdded} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
