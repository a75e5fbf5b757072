/**
 * The sequential colour scale of edge confidence: five equal bins from 0 to 1, light to dark.
 * The colours are viridis (matplotlib's published six-class values, its palest yellow dropped so
 * every bin stays visible on white), low confidence lightest: perceptually uniform, readable by
 * colour-blind readers, and changing in hue as well as lightness, so neighbouring bins are told
 * apart (ColorBrewer's single-hue PuBu, used before, differed by lightness alone).
 */

/** One bin of the scale. */
export interface ConfidenceBin {
  from: number;
  to: number;
  colour: string;
  /** `0.0–0.2`, for the legend. */
  label: string;
}

const COLOURS = ['#7ad151', '#22a884', '#2a788e', '#414487', '#440154'];

/** The bins, lowest confidence first. */
export const CONFIDENCE_BINS: readonly ConfidenceBin[] = COLOURS.map((colour, i) => ({
  from: i / COLOURS.length,
  to: (i + 1) / COLOURS.length,
  colour,
  label: `${(i / COLOURS.length).toFixed(1)}–${((i + 1) / COLOURS.length).toFixed(1)}`,
}));

/** The index of the bin a confidence falls in; 1.0 belongs to the top bin, out-of-range values are clamped. */
export function confidenceBinIndex(confidence: number): number {
  const index = Math.floor(confidence * COLOURS.length);
  return Math.min(COLOURS.length - 1, Math.max(0, Number.isFinite(index) ? index : 0));
}

/** The colour of a confidence. */
export function confidenceColour(confidence: number): string {
  return COLOURS[confidenceBinIndex(confidence)];
}
