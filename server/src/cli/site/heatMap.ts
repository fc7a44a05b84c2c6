// The likelihood x impact heat map of the risk register as an inline SVG: likelihood rises
// upwards, impact to the right; each cell shows how many risks are scored there and their IDs.
import { escapeHtml as esc } from './markdownHtml';

/** Score bands (likelihood x impact), highest first. */
export const HEAT_LEVELS = [
  { min: 15, cls: 'h-critical', label: 'Critical', range: '15–25' },
  { min: 10, cls: 'h-high', label: 'High', range: '10–14' },
  { min: 5, cls: 'h-medium', label: 'Medium', range: '5–9' },
  { min: 1, cls: 'h-low', label: 'Low', range: '1–4' },
] as const;

const CELL = 88;
const LEFT = 64;
const TOP = 10;
/** IDs listed in a cell before "+n more". */
const IDS_PER_CELL = 3;

/** `heat[likelihood - 1][impact - 1]` holds the IDs of the risks scored there. */
export function heatMapSvg(heat: string[][][]): string {
  const cells: string[] = [];
  for (let l = 5; l >= 1; l--) {
    for (let i = 1; i <= 5; i++) {
      const ids = heat[l - 1][i - 1];
      const x = LEFT + (i - 1) * CELL;
      const y = TOP + (5 - l) * CELL;
      const level = HEAT_LEVELS.find((b) => l * i >= b.min)!;
      const shown = ids.slice(0, IDS_PER_CELL).map((id, k) => `<text class="ids" x="${x + CELL / 2}" y="${y + 50 + k * 11}" text-anchor="middle">${esc(id)}</text>`).join('');
      const more = ids.length > IDS_PER_CELL ? `<text class="ids" x="${x + CELL / 2}" y="${y + 50 + IDS_PER_CELL * 11}" text-anchor="middle">+${ids.length - IDS_PER_CELL} more</text>` : '';
      const tip = `Likelihood ${l}, impact ${i} (score ${l * i}): ${ids.length ? ids.join(', ') : 'no risks'}`;
      cells.push(`<g><title>${esc(tip)}</title><rect class="${level.cls}" x="${x}" y="${y}" width="${CELL - 2}" height="${CELL - 2}" rx="4"/>`
        + (ids.length ? `<text class="count" x="${x + CELL / 2}" y="${y + 30}" text-anchor="middle">${ids.length}</text>${shown}${more}` : '')
        + '</g>');
    }
  }
  const axis: string[] = [];
  for (let k = 1; k <= 5; k++) {
    axis.push(`<text class="axis" x="${LEFT + (k - 1) * CELL + CELL / 2}" y="${TOP + 5 * CELL + 16}" text-anchor="middle">${k}</text>`);
    axis.push(`<text class="axis" x="${LEFT - 12}" y="${TOP + (5 - k) * CELL + CELL / 2 + 4}" text-anchor="end">${k}</text>`);
  }
  const width = LEFT + 5 * CELL + 10;
  const height = TOP + 5 * CELL + 44;
  const total = heat.flat().reduce((n, ids) => n + ids.length, 0);
  return `<svg class="heatmap" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Heat map of ${total} risks by likelihood and impact">`
    + `<title>Risks by likelihood and impact</title>${cells.join('')}${axis.join('')}`
    + `<text class="axis-title" x="${LEFT + 2.5 * CELL}" y="${height - 6}" text-anchor="middle">Impact</text>`
    + `<text class="axis-title" transform="translate(16 ${TOP + 2.5 * CELL}) rotate(-90)" text-anchor="middle">Likelihood</text></svg>`;
}
