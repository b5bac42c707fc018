/**
 * What Skewer's hover adds to a finding. VS Code already shows the diagnostic's message at the top of the
 * hover, so this never repeats it: a title, the facts behind the finding that the message does not already
 * say (in words, never raw evidence keys), what the recorded run says — worded by status, so a run that
 * did not cover the finding reads as neutral — and links to the related lines, notebook cells numbered as
 * VS Code numbers them. Pure: the extension turns the markdown into a MarkdownString, tests read it as text.
 */
import { lineLabel } from '../cellNumbers';
import { formatCount } from '../runlog/numbers';
import type { Evidence, Finding, RelatedLocation, RunConfirmation } from './finding';
import { ruleInfo } from './rules';

/** Evidence keys that are bookkeeping for machines (JSON, SARIF, tests), not facts for a reader. */
const INTERNAL = new Set(['kind', 'reason', 'via', 'selects', 'attribute', 'learnedDiffers', 'trainRunId', 'runId', 'assumed', 'call']);
/** Evidence keys that name a line: shown only when no related link already points there. */
const LINES: Record<string, string> = { splitLine: 'split at', fitLine: 'model fitted at', firstEvaluationLine: 'first evaluated at' };
/** Words for the evidence keys the engines write; others are split from camelCase. */
const WORDS: Record<string, string> = {
  transformer: 'transformer', encoder: 'encoder', model: 'model', duplicator: 'rows duplicated by', metric: 'metric',
  modelsScoredOnTestSet: 'models scored on the test set', testVariable: 'test set', label: 'label', feature: 'feature',
  fitRows: 'rows fitted', testRowsInFit: 'test rows among them', duplicatedRows: 'duplicated rows', rowsOnBothSides: 'rows in both train and test',
  models: 'models evaluated', testRows: 'test rows', column: 'time column', trainMax: 'latest training value', testMin: 'earliest test value',
  rows: 'rows compared', determinedRows: 'rows where the feature gives the label away', correlation: 'correlation with the label', value: 'telling value',
  valueRows: 'rows with that value', labelRate: 'label rate among them', columns: 'columns fed', trainColumns: 'columns in training',
  positionsDiffer: 'positions that differ', trainFitRows: 'rows fitted in training',
};

export interface HoverRunLine {
  status: RunConfirmation['status'];
  /** Codicon id for the status. */
  icon: string;
  heading: string;
  text: string;
}

export interface HoverText {
  title: string;
  ruleId: string;
  /** "rows fitted: 1,923" — facts the diagnostic's message does not already state. */
  facts: string[];
  run?: HoverRunLine;
  related: { text: string; related: RelatedLocation }[];
}

/** How the run's verdict is introduced: confirmed, seen not to happen, or simply not covered (neutral). */
export function runLine(c: RunConfirmation): HoverRunLine {
  switch (c.status) {
    case 'confirmed':
      return { status: c.status, icon: 'check', heading: 'Confirmed by the recorded run', text: c.message };
    case 'not-confirmed':
      return { status: c.status, icon: 'circle-slash', heading: 'Not seen in the recorded run', text: c.message };
    case 'no-run':
      return { status: c.status, icon: 'info', heading: 'No recorded run covers this yet', text: c.message };
  }
}

/** Readable facts from a finding's evidence (and its run's), minus what `message` already says. */
export function evidenceFacts(f: Finding): string[] {
  const said = `${f.message}\n${f.confirmation?.message ?? ''}`.toLowerCase();
  const relatedLines = new Set(f.related.filter((r) => r.location.file === f.location.file).map((r) => r.location.line));
  const merged: Evidence = { ...f.evidence, ...(f.confirmation?.evidence ?? {}) };
  const out: string[] = [];
  for (const [key, raw] of Object.entries(merged)) {
    if (INTERNAL.has(key) || raw === null || raw === undefined || typeof raw === 'boolean') continue;
    if (key in LINES) {
      if (typeof raw === 'number' && !relatedLines.has(raw) && !alreadySaid(`line ${raw}`, true, said)) out.push(`${LINES[key]} line ${raw}`);
      continue;
    }
    const value = typeof raw === 'number' ? formatCount(raw) : raw;
    // Already said: a number as a word of the text, or a name of three characters or more anywhere in it.
    if (alreadySaid(value, typeof raw === 'number', said)) continue;
    const fact = `${WORDS[key] ?? words(key)}: ${value}`;
    if (!out.some((o) => o.endsWith(`: ${value}`) && typeof raw === 'number')) out.push(fact);
  }
  return out;
}

export function hoverText(f: Finding, cellCount?: number): HoverText {
  const info = ruleInfo(f.ruleId);
  return {
    title: info?.title ?? f.ruleId,
    ruleId: f.ruleId,
    facts: evidenceFacts(f),
    ...(f.confirmation ? { run: runLine(f.confirmation) } : {}),
    related: f.related.map((r) => ({
      text: `${r.message} (${lineLabel(r.location, r.location.cell !== undefined && r.location.file === f.location.file ? cellCount : undefined)})`,
      related: r,
    })),
  };
}

export interface HoverMarkdownOptions {
  /** Cells of the notebook the finding is in, for "Cell 5 of 6". */
  cellCount?: number;
  /** Link target that opens a related location (a command: URI); without it the text is plain. */
  linkTo?: (r: RelatedLocation) => string | undefined;
  /** The rule's documentation page. */
  docsUri?: string;
}

/** The hover as markdown with codicons (`$(check)`); every piece of text from findings is escaped. */
export function hoverMarkdown(f: Finding, o: HoverMarkdownOptions = {}): string {
  const h = hoverText(f, o.cellCount);
  const parts: string[] = [`**Skewer · ${esc(h.title)}** \`${h.ruleId.replace(/`/g, '')}\``];
  if (h.run) parts.push(`$(${h.run.icon}) **${esc(h.run.heading)}:** ${esc(h.run.text)}`);
  if (h.facts.length) parts.push(h.facts.map(esc).join(' · '));
  if (h.related.length) {
    parts.push(h.related.map((r) => {
      const target = o.linkTo?.(r.related);
      return target ? `- [${esc(r.text)}](${target})` : `- ${esc(r.text)}`;
    }).join('\n'));
  }
  if (o.docsUri) parts.push(`[Rule documentation](${o.docsUri})`);
  return parts.join('\n\n');
}

/** A number or short value as a word of `said` ("481" in "481 of them", not in "4812"); a longer name anywhere in it. */
function alreadySaid(value: string, isNumber: boolean, said: string): boolean {
  if (!isNumber && value.length >= 3) return said.includes(value.toLowerCase());
  const v = value.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.,])${v}(?![\\w]|[.,]\\d)`).test(said);
}

/** "testRowsInFit" → "test rows in fit". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Escapes markdown syntax (and `$(` codicon syntax) in text that comes from code or data. */
export function esc(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&').replace(/\$/g, '\\$');
}
