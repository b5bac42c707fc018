/** Skew result types, free of imports so the webview's protocol can share them. */
export interface SkewThresholds {
  psi: number;
  jsDivergence: number;
  lInfinity: number;
  missingRateChange: number;
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
}
