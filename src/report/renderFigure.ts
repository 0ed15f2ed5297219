import type { TopLevelSpec } from 'vega-lite';
import type { VegaLiteSpec } from '../format/VegaLiteSpec.ts';
import { importOptional } from '../package/optionalDependency.ts';

const FIGURE_CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
  title: { fontSize: 13 },
};

/** Renders a Vega-Lite spec to an SVG string headlessly (no browser, no canvas): deterministic output. */
export async function renderFigure(spec: VegaLiteSpec, title: string): Promise<string> {
  const withConfig = {
    ...spec,
    title,
    config: { ...FIGURE_CONFIG, ...(spec as { config?: object }).config },
  } as unknown as TopLevelSpec;
  // Loaded on first use: the figures are the only part of medmean that needs Vega.
  const { compile } = await importOptional('vega-lite', 'Rendering report figures', () => import('vega-lite'));
  const vega = await importOptional('vega', 'Rendering report figures', () => import('vega'));
  const compiled = compile(withConfig).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    return `${renumberClipIds(svg)}\n`;
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths with a process-wide counter, so the same figure rendered second in a
 * run gets other ids. Renumbering them per document makes the SVG depend on the figure alone.
 */
function renumberClipIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/id="(clip\d+)"/g)) if (!ids.has(match[1])) ids.set(match[1], `clip${ids.size + 1}`);
  return svg.replace(
    /(id="|url\(#)(clip\d+)/g,
    (_whole, prefix: string, id: string) => `${prefix}${ids.get(id) ?? id}`,
  );
}
