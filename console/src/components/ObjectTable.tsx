import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../app/router.js';
import { shortId } from '../lib/format.js';
import { objectHref } from '../lib/routes.js';
import type { ListItem } from '../lib/types.js';
import { GradingBadge, OriginChip, TlpBadge, TypeLabel } from './Badges.js';
import { Time } from './Time.js';

/** The whole row opens the object; the name is the link that keyboards and screen readers use. */
function openRow(e: MouseEvent<HTMLTableRowElement>, id: string): void {
  const target = e.target as HTMLElement;
  if (target.closest('a, button, input, select, textarea')) return;
  if (window.getSelection()?.toString()) return;
  navigate(objectHref(id));
}

/** Objects as rows: marking, what it is, where it comes from, how it is graded, when it came. */
/** What a row calls an object: its name, a relationship's type in words, or its type and short id. */
function useObjectName(): (item: ListItem) => string {
  const { t } = useTranslation();
  return (item) => {
    if (item.type === 'relationship' && item.name) return t(`relationshipType.${item.name}`, { defaultValue: item.name });
    if (item.name) return item.name;
    return t('objects.unnamed', { type: t(`stixType.${item.type}`, { defaultValue: item.type }), id: shortId(item.id) });
  };
}

export function ObjectTable({ items, caption, compact = false }: { items: ListItem[]; caption: string; compact?: boolean }) {
  const { t } = useTranslation();
  const nameOf = useObjectName();
  return (
    <div className="table-wrap">
      <table className={`table object-table${compact ? ' table-compact' : ''}`}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('objects.col.marking')}</th>
            <th scope="col">{t('objects.col.name')}</th>
            <th scope="col">{t('objects.col.origin')}</th>
            <th scope="col">{t('objects.col.grading')}</th>
            {!compact && <th scope="col">{t('objects.col.labels')}</th>}
            <th scope="col">{t('objects.col.added')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr
              key={`${item.id}|${item.version}`}
              data-testid="object-row"
              data-id={item.id}
              className={item.revoked ? 'row-revoked' : undefined}
              onClick={(e) => openRow(e, item.id)}
            >
              <td>
                <TlpBadge level={item.tlp} />
              </td>
              <td className="cell-name">
                <Link to={objectHref(item.id)} className="object-link">
                  {nameOf(item)}
                </Link>
                <span className="cell-sub">
                  <TypeLabel type={item.type} />
                  {item.revoked && <span className="status status-bad">{t('objects.revoked')}</span>}
                </span>
              </td>
              <td>
                <OriginChip originator={item.originator} />
              </td>
              <td>
                <GradingBadge code={item.grading} />
              </td>
              {!compact && (
                <td>
                  {item.labels.length > 0 && (
                    <ul className="labels">
                      {item.labels.map((l) => (
                        <li key={l} className="label">
                          {l}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              )}
              <td className="cell-date">
                <Time iso={item.dateAdded} stacked />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
