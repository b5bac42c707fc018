import * as vscode from 'vscode';
import type { OperatorKind, RunGroup, RunReadResult, Step } from '../../core/runlog/model';
import type { Problem } from '../../core/runlog/problem';
import { runStartLabel } from '../../core/runlog/runName';
import type { FindingsStore } from '../findings/findingsStore';
import { lineLabel } from '../../core/cellNumbers';
import { heavy } from '../lazy/load';
import type { RunsModel } from './runsModel';

export type RunsNode =
  | { kind: 'group'; group: RunGroup }
  | { kind: 'run'; result: RunReadResult }
  | { kind: 'error'; result: RunReadResult }
  | { kind: 'problems'; result: RunReadResult }
  | { kind: 'problem'; result: RunReadResult; problem: Problem }
  | { kind: 'step'; result: RunReadResult; step: Step };

const KIND_ICONS: Partial<Record<OperatorKind, string>> = {
  source: 'database',
  sink: 'save',
  project: 'symbol-field',
  select: 'filter',
  map: 'symbol-operator',
  join: 'git-merge',
  concat: 'combine',
  groupby: 'group-by-ref-type',
  split: 'split-horizontal',
  sample: 'symbol-event',
  sort: 'sort-precedence',
  dedup: 'exclude',
  fit: 'gear',
  transform: 'symbol-method',
  fit_transform: 'gear',
  predict: 'target',
  score: 'graph',
  resample: 'copy',
  cv: 'references',
};

/**
 * The Runs tree: pipelines → runs (newest first) → steps. A failed run leads with its error and
 * still lists every step up to the failure; read problems are listed under the run they concern.
 * Empty states come from viewsWelcome (keyed on skewer.runsState); folder problems go in the view message.
 */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;

  private readonly subFindings: vscode.Disposable;

  constructor(
    private readonly model: RunsModel,
    private readonly findings: FindingsStore,
  ) {
    this.sub = model.onDidChange(() => this.changed.fire(undefined));
    // Findings confirmed by a run are counted on that run's row.
    this.subFindings = findings.onDidChange(() => this.changed.fire(undefined));
  }

  private confirmedCount(runId: string): number {
    let n = 0;
    for (const e of this.findings.entries()) for (const f of e.findings) if (f.confirmation?.status === 'confirmed' && f.confirmation.runId === runId) n++;
    return n;
  }

  getChildren(node?: RunsNode): RunsNode[] {
    if (!node) return this.model.state === 'hasRuns' ? this.model.listing.groups.map((group) => ({ kind: 'group', group })) : [];
    switch (node.kind) {
      case 'group':
        return node.group.runs.map((result) => ({ kind: 'run', result }));
      case 'run': {
        const { result } = node;
        const head: RunsNode[] = [];
        if (result.run.status === 'failed' && result.run.error) head.push({ kind: 'error', result });
        if (result.problems.length) head.push({ kind: 'problems', result });
        return [...head, ...result.run.steps.map((step) => ({ kind: 'step' as const, result, step }))];
      }
      case 'problems':
        return node.result.problems.map((problem) => ({ kind: 'problem', result: node.result, problem }));
      default:
        return [];
    }
  }

  /** Lets the view reveal a run (after Record Run): runs sit under their pipeline's group. */
  getParent(node: RunsNode): RunsNode | undefined {
    switch (node.kind) {
      case 'group':
        return undefined;
      case 'run': {
        const group = this.model.listing.groups.find((g) => g.runs.some((r) => r.run.runId === node.result.run.runId));
        return group ? { kind: 'group', group } : undefined;
      }
      case 'problem':
        return { kind: 'problems', result: node.result };
      default:
        return { kind: 'run', result: node.result };
    }
  }

  /** The node of a listed run, for TreeView.reveal. */
  runNode(runId: string): RunsNode | undefined {
    const result = this.model.findRun(runId);
    return result ? { kind: 'run', result } : undefined;
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    const h = heavy();
    switch (node.kind) {
      case 'group': {
        const { group } = node;
        const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
        const count = `${group.runs.length} run${group.runs.length === 1 ? '' : 's'}`;
        item.description = group.folder ? `${group.folder} · ${count}` : count;
        item.tooltip = group.scriptPath ?? group.pipeline; // the script a pipeline was named after
        if (group.scriptPath) item.resourceUri = vscode.Uri.file(group.scriptPath);
        item.iconPath = new vscode.ThemeIcon('file-code');
        item.contextValue = 'skewer.pipeline';
        item.id = `group:${group.scriptPath ?? group.pipeline}`;
        return item;
      }
      case 'run': {
        const { run, problems } = node.result;
        const item = new vscode.TreeItem(runStartLabel(run.startedAt, run.runId), vscode.TreeItemCollapsibleState.Collapsed);
        const confirmed = this.confirmedCount(run.runId);
        item.description = `${h.runSummary(run)}${confirmed ? ` · ${confirmed} finding${confirmed === 1 ? '' : 's'} confirmed` : ''}`;
        item.iconPath = statusIcon(run.status);
        item.id = `run:${run.runId}`;
        item.contextValue = `skewer.run.${run.status}`;
        const md = new vscode.MarkdownString();
        md.appendMarkdown('**').appendText(run.pipeline).appendMarkdown('** — ').appendText(h.runSummary(run)).appendMarkdown('\n\n');
        md.appendText(`Run ${run.runId}`).appendMarkdown('  \n').appendText(run.dir).appendMarkdown('\n\n');
        if (run.argv?.length) md.appendText(`Arguments: ${run.argv.join(' ')}`).appendMarkdown('\n\n');
        if (run.error) md.appendCodeblock(run.error.message, 'text');
        if (problems.length) md.appendMarkdown(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} reading this run.`);
        item.tooltip = md;
        return item;
      }
      case 'error': {
        const err = node.result.run.error!;
        const where = err.location ? ` (line ${err.location.line})` : '';
        const item = new vscode.TreeItem(`${err.message.split('\n')[0]}${where}`, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.tooltip = err.stackTrace ? new vscode.MarkdownString().appendCodeblock(err.stackTrace, 'text') : err.message;
        if (err.location) item.command = { command: 'skewer.openLocation', title: 'Open', arguments: [err.location.file, err.location.line, node.result.run.cwd] };
        return item;
      }
      case 'problems': {
        const n = node.result.problems.length;
        const item = new vscode.TreeItem(`${n} problem${n === 1 ? '' : 's'} reading this run`, vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        return item;
      }
      case 'problem': {
        const p = node.problem;
        const item = new vscode.TreeItem(h.formatProblem(p, node.result.run.dir), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'info');
        if (p.file) {
          const line = Math.max(0, (p.line ?? 1) - 1);
          item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(p.file), { selection: new vscode.Range(line, 0, line, 0) }] };
        }
        return item;
      }
      case 'step': {
        const { step } = node;
        const label = h.labelStep(step);
        const item = new vscode.TreeItem(label.text, vscode.TreeItemCollapsibleState.None);
        const loc = step.location;
        // What the step did is the label; the line of code that did it is the description.
        item.description = h.stepSnippet(step) ?? (loc ? lineLabel(loc) : '');
        item.iconPath = step.status === 'failed' ? statusIcon('failed') : new vscode.ThemeIcon(KIND_ICONS[step.kind] ?? 'circle-small');
        item.id = `step:${node.result.run.runId}:${step.seq}`;
        item.contextValue = 'skewer.step';
        const md = new vscode.MarkdownString();
        md.appendMarkdown('**').appendText(label.text).appendMarkdown('**');
        if (label.operator !== label.text) md.appendMarkdown(' · ').appendMarkdown(`\`${label.operator.replace(/`/g, '')}\``);
        md.appendMarkdown('\n\n');
        const facts = [h.rowsText(step), h.columnsText(step), h.formatDuration(step.durationMs), step.status === 'complete' ? '' : h.statusText(step)].filter(Boolean);
        if (facts.length) md.appendText(facts.join(' · ')).appendMarkdown('\n\n');
        if (loc) md.appendText(`${loc.file} · ${lineLabel(loc)}`).appendMarkdown('\n');
        if (loc?.code) md.appendCodeblock(loc.code, 'python');
        if (step.fitted) {
          const params = Object.entries(step.fitted.params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
          md.appendMarkdown('\n').appendText(`${step.fitted.class} (${step.fitted.role}, ${step.fitted.objectId})`).appendMarkdown('  \n').appendText(params).appendMarkdown('\n');
        }
        if (step.error) md.appendCodeblock(step.error.message, 'text');
        if (step.lineage?.gap) md.appendMarkdown('\n').appendText(`⚠ lineage gap: ${step.lineage.gap}`).appendMarkdown('\n');
        item.tooltip = md;
        if (loc) item.command = { command: 'skewer.openLocation', title: 'Open Source Line', arguments: [loc.file, loc.line, node.result.run.cwd, loc.cell] };
        return item;
      }
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.subFindings.dispose();
    this.changed.dispose();
  }
}

function statusIcon(status: string): vscode.ThemeIcon {
  switch (status) {
    case 'complete':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'running':
      return new vscode.ThemeIcon('sync~spin');
    default:
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  }
}

/** Keeps the view's message line in sync with the model's problems. */
export function bindRunsMessage(view: vscode.TreeView<unknown>, model: RunsModel): vscode.Disposable {
  return model.onDidChange(() => {
    const problems = [...model.problems, ...model.listing.problems.map((p) => `${p.file ?? ''}: ${p.message}`)];
    view.message = problems.length ? `⚠ ${problems.join(' · ')}` : undefined;
  });
}
