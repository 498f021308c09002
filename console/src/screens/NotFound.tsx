import { useTranslation } from 'react-i18next';
import { Link } from '../app/router.js';
import { Empty } from '../components/States.js';
import { hrefOf } from '../lib/routes.js';

/** An address the console does not know, or a screen this account's roles do not open. */
export default function NotFound({ reason }: { reason: 'missing' | 'forbidden' }) {
  const { t } = useTranslation();
  return (
    <div className="screen">
      <h1>{reason === 'forbidden' ? t('notFound.forbidden') : t('notFound.title')}</h1>
      <Empty title={reason === 'forbidden' ? t('notFound.forbiddenHint') : t('notFound.hint')}>
        <Link className="button" to={hrefOf({ name: 'overview' })}>
          {t('notFound.home')}
        </Link>
      </Empty>
    </div>
  );
}
