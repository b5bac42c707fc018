/**
 * A notebook as Jupyter saves it after a run: nbformat 4.5 JSON (indent 1) whose code cells carry
 * their outputs — a stream, an execute_result table and a plot as a real base64 PNG (random
 * pixels, so it does not compress) — around 30 lines of code that scale before splitting.
 */
import * as zlib from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid RGB PNG of deterministic noise. */
export function noisePng(width: number, height: number, seed = 1): Buffer {
  let s = seed >>> 0;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 1; x <= width * 3; x++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      raw[row + x] = s >>> 24;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filtering, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Cell sources: the scaler is fitted on all rows (cell 2, line 3) before the split in cell 3. */
export const LEAKY_CELLS = [
  'import numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.metrics import roc_auc_score',
  'df = pd.read_csv("data/churn.csv")\ndf = df.dropna(subset=["churned"])\ndf["tenure_years"] = df["tenure_months"] / 12\ndf.describe()',
  'features = ["tenure_years", "monthly_charges", "total_charges", "support_calls"]\nX = df[features]\nX = StandardScaler().fit_transform(X)\ny = df["churned"]\nfig, ax = plt.subplots(figsize=(10, 8))\nax.hist(X[:, 0], bins=50)\nax.set_title("tenure (scaled)")\nplt.show()',
  'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)\nmodel = LogisticRegression(max_iter=1000)\nmodel.fit(X_train, y_train)',
  'proba = model.predict_proba(X_test)[:, 1]\nprint("AUC", roc_auc_score(y_test, proba))\ncoef = pd.Series(model.coef_[0], index=features)\ncoef.sort_values()',
];

const lines = (s: string): string[] => s.split(/(?<=\n)/);

/** The notebook JSON text with a `width`×`height` noise plot in the third cell. */
export function notebookWithPlot(width = 1024, height = 820): string {
  const png = noisePng(width, height).toString('base64');
  const outputs: unknown[][] = [
    [],
    [{ output_type: 'execute_result', execution_count: 2, metadata: {}, data: {
      'text/plain': lines('       tenure_months  monthly_charges\ncount        7032.00          7032.00\nmean           32.42            64.80'),
      'text/html': lines('<div>\n<table border="1" class="dataframe">\n<tr><th>count</th><td>7032.00</td></tr>\n</table>\n</div>'),
    } }],
    [{ output_type: 'display_data', metadata: {}, data: { 'image/png': png, 'text/plain': [`<Figure size ${width}x${height} with 1 Axes>`] } }],
    [{ output_type: 'stream', name: 'stderr', text: ['/usr/lib/python3/dist-packages/sklearn/linear_model/_logistic.py:458: ConvergenceWarning: lbfgs failed to converge\n'] }],
    [{ output_type: 'stream', name: 'stdout', text: ['AUC 0.8412\n'] },
      { output_type: 'execute_result', execution_count: 5, metadata: {}, data: { 'text/plain': lines('support_calls     -0.41\ntenure_years       0.87') } }],
  ];
  return JSON.stringify({
    cells: [
      { cell_type: 'markdown', id: 'c0', metadata: {}, source: lines('# Churn model\nScaled features, logistic regression.') },
      ...LEAKY_CELLS.map((source, i) => ({ cell_type: 'code', execution_count: i + 1, id: `c${i + 1}`, metadata: {}, outputs: outputs[i], source: lines(source) })),
    ],
    metadata: {
      kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
      language_info: { codemirror_mode: { name: 'ipython', version: 3 }, file_extension: '.py', mimetype: 'text/x-python', name: 'python', nbconvert_exporter: 'python', pygments_lexer: 'ipython3', version: '3.11.2' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1) + '\n';
}
