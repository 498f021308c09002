import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, navigate } from '../../app/router.js';
import { BOX, borderPoint, clip, layoutGraph } from '../../lib/graph.js';
import { objectHref } from '../../lib/routes.js';
import type { RelationshipInfo } from '../../lib/types.js';

interface Props {
  center: { id: string; type: string; name: string | null };
  relationships: RelationshipInfo[];
}

/**
 * The object and what it is related to, drawn as boxes and arrows; each neighbour is a link.
 * The table under it says the same in words, for screen readers and for more than ten neighbours.
 */
export function RelationGraph({ center, relationships }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const layout = layoutGraph(center, relationships);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const typeName = (type: string) => t(`stixType.${type}`, { defaultValue: type });

  return (
    <div className="graph">
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-labelledby={`${id}-title`} className="graph-svg">
        <title id={`${id}-title`}>{t('object.graphTitle', { count: layout.nodes.length - 1 })}</title>
        <defs>
          <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="graph-arrow" />
          </marker>
        </defs>
        {layout.edges.map((e) => {
          const from = byId.get(e.from);
          const to = byId.get(e.to);
          if (!from || !to) return null;
          const a = borderPoint(from, to);
          const b = borderPoint(to, from);
          return (
            <g key={e.id} className="graph-edge">
              <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} markerEnd={`url(#${id}-arrow)`} />
              <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 6} textAnchor="middle" className="graph-edge-label">
                {t(`relationshipType.${e.label}`, { defaultValue: e.label })}
              </text>
            </g>
          );
        })}
        {layout.nodes.map((n) => {
          const box = (
            <>
              <title>{`${typeName(n.type)}: ${n.name ?? n.id}`}</title>
              <rect x={n.x - BOX.width / 2} y={n.y - BOX.height / 2} width={BOX.width} height={BOX.height} rx={6} />
              <text x={n.x} y={n.y - 5} textAnchor="middle" className="graph-node-type">
                {clip(typeName(n.type), 26)}
              </text>
              <text x={n.x} y={n.y + 14} textAnchor="middle" className="graph-node-name">
                {clip(n.name ?? n.id, 21)}
              </text>
            </>
          );
          if (n.center)
            return (
              <g key={n.id} className="graph-node graph-node-center">
                {box}
              </g>
            );
          const href = objectHref(n.id);
          return (
            <a
              key={n.id}
              href={href}
              className="graph-node"
              aria-label={t('object.graphOpen', { type: typeName(n.type), name: n.name ?? n.id })}
              onClick={(e) => {
                if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
                e.preventDefault();
                navigate(href);
              }}
            >
              {box}
            </a>
          );
        })}
      </svg>
      {layout.hidden > 0 && <p className="muted">{t('object.graphHidden', { count: layout.hidden })}</p>}
      <table className="table table-compact">
        <caption className="visually-hidden">{t('object.relationshipsList')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('object.relSource')}</th>
            <th scope="col">{t('object.relType')}</th>
            <th scope="col">{t('object.relTarget')}</th>
          </tr>
        </thead>
        <tbody>
          {relationships.map((r) => (
            <tr key={r.id}>
              <td>
                {r.source.id === center.id ? (
                  <strong>{r.source.name ?? r.source.id}</strong>
                ) : (
                  <Link to={objectHref(r.source.id)}>{r.source.name ?? r.source.id}</Link>
                )}
              </td>
              <td>
                <Link to={objectHref(r.id)}>{t(`relationshipType.${r.relationship_type}`, { defaultValue: r.relationship_type })}</Link>
              </td>
              <td>
                {r.target.id === center.id ? (
                  <strong>{r.target.name ?? r.target.id}</strong>
                ) : (
                  <Link to={objectHref(r.target.id)}>{r.target.name ?? r.target.id}</Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
