import { LAYERS, type Layer, type WatchedApp } from '../landscape/watched-app.schema';

const NODE_WIDTH = 200;
const NODE_HEIGHT = 46;
const GAP = 24;
const ROW_HEIGHT = 110;
const LABEL_WIDTH = 110;
const MARGIN = 16;
/** Room on the right for calls that skip a layer, so they never cross another app's box. */
const GUTTER = 48;

const LAYER_LABELS: Record<Layer, string> = { experience: 'Experience', process: 'Process', system: 'System', emulator: 'Emulators' };

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Placed {
  app: WatchedApp;
  x: number;
  y: number;
}

/** Each app's box: one row per layer, apps side by side, rows centred on the widest. */
function place(apps: WatchedApp[]): { placed: Map<string, Placed>; contentRight: number; width: number; height: number } {
  const rows = LAYERS.map((layer) => apps.filter((app) => app.layer === layer));
  const widest = Math.max(...rows.map((row) => row.length), 1);
  const contentWidth = widest * NODE_WIDTH + (widest - 1) * GAP;
  const placed = new Map<string, Placed>();
  rows.forEach((row, rowIndex) => {
    const rowWidth = row.length * NODE_WIDTH + Math.max(row.length - 1, 0) * GAP;
    const start = MARGIN + LABEL_WIDTH + (contentWidth - rowWidth) / 2;
    row.forEach((app, i) => placed.set(app.name, { app, x: start + i * (NODE_WIDTH + GAP), y: MARGIN + rowIndex * ROW_HEIGHT }));
  });
  const contentRight = MARGIN + LABEL_WIDTH + contentWidth;
  return { placed, contentRight, width: contentRight + GUTTER + MARGIN, height: MARGIN * 2 + (LAYERS.length - 1) * ROW_HEIGHT + NODE_HEIGHT };
}

/** A curve to the callee's top; a call that skips a layer runs down the right-hand gutter. */
function edge(from: Placed, to: Placed, gutterX: number): string {
  const x1 = from.x + NODE_WIDTH / 2;
  const y1 = from.y + NODE_HEIGHT;
  const x2 = to.x + NODE_WIDTH / 2;
  const y2 = to.y;
  const bend = (ROW_HEIGHT - NODE_HEIGHT) / 2;
  const d =
    y2 - y1 > ROW_HEIGHT
      ? `M${x1},${y1} C${x1},${y1 + bend} ${gutterX},${y1} ${gutterX},${y1 + bend} L${gutterX},${y2 - bend} C${gutterX},${y2} ${x2},${y2 - bend} ${x2},${y2}`
      : `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`;
  return `<path class="call" data-from="${escapeXml(from.app.name)}" data-to="${escapeXml(to.app.name)}" d="${d}" marker-end="url(#arrow)"/>`;
}

function node({ app, x, y }: Placed): string {
  const name = escapeXml(app.name);
  return [
    `<g class="node" data-app="${name}" data-status="unknown" transform="translate(${x},${y})">`,
    `<title>${name}: status unknown</title>`,
    `<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6"/>`,
    `<text class="node-name" x="${NODE_WIDTH / 2}" y="19">${name}</text>`,
    `<text class="node-status" x="${NODE_WIDTH / 2}" y="36">unknown</text>`,
    `</g>`,
  ].join('');
}

/**
 * The layers and the calls between them as an SVG drawn from the configuration (never
 * a fixed picture, so a new app appears once it is configured). Each box carries
 * `data-app` and a status line the page updates live; `<desc>` lists every call, so
 * the picture says in words what it shows.
 */
export function renderLayerDiagram(apps: WatchedApp[]): string {
  const { placed, contentRight, width, height } = place(apps);
  const calls = apps.flatMap((app) => app.calls.map((callee) => [placed.get(app.name), placed.get(callee)] as const));
  const drawn = calls.filter((pair): pair is readonly [Placed, Placed] => pair[0] !== undefined && pair[1] !== undefined);
  const description = drawn.length ? drawn.map(([from, to]) => `${from.app.name} calls ${to.app.name}`).join('; ') : 'No calls are configured';
  const labels = LAYERS.map(
    (layer, i) => `<text class="layer-label" x="${MARGIN}" y="${MARGIN + i * ROW_HEIGHT + NODE_HEIGHT / 2 + 5}">${LAYER_LABELS[layer]}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="layer-diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="diagram-title diagram-desc">`,
    `<title id="diagram-title">The layers and the calls between them</title>`,
    `<desc id="diagram-desc">${escapeXml(description)}</desc>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
    ...labels,
    ...drawn.map(([from, to]) => edge(from, to, contentRight + GUTTER / 2)),
    ...[...placed.values()].map(node),
    `</svg>`,
  ].join('\n');
}
