/** Skew result types, free of imports so the webview's protocol can share them. */
export interface SkewThresholds {
  psi: number;
  jsDivergence: number;
  lInfinity: number;
  missingRateChange: number;
}

/** One bar of a feature's histogram: the share of each side's non-missing values that falls in it. */
export interface HistogramBar {
  /** "12.5 – 17.5", "3", "card", "other". */
  label: string;
  /** Numeric range of the bar: [lo, hi) (the last core bin is closed), or the value itself for a by-value bar. */
  lo?: number;
  hi?: number;
  left: number;
  right: number;
  /** Gathers what lies outside the drawn range (values below the 1st / above the 99th percentile, categories
   *  beyond the top ones): drawn apart, since its width is not to scale. */
  overflow?: boolean;
}

/**
 * The shared bins both sides were counted on, the same the distances were computed on:
 * `bins` = equal-width ranges (plus overflow bars), `values` = one bar per number, `categories` = top categories.
 */
export interface SkewHistogram {
  kind: 'bins' | 'values' | 'categories';
  bars: HistogramBar[];
}

export interface ColumnSkew {
  column: string;
  kind: 'numeric' | 'categorical';
  js?: number;
  psi?: number;
  lInfinity?: number;
  /** The category with the largest proportion difference (L∞'s argmax). */
  lInfinityValue?: string;
  missingLeft: number;
  missingRight: number;
  /** Names of the thresholds this column exceeds, e.g. ["psi", "jsDivergence"]. */
  exceeded: (keyof SkewThresholds)[];
  /** Both distributions on shared bins (absent when they cannot be compared: see `note`). */
  histogram?: SkewHistogram;
  /** Why a distance is missing: too few values, a numeric column that is text on the other side, unusable stats. */
  note?: string;
}
