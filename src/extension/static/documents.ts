import * as vscode from 'vscode';
import type { Finding } from '../../core/findings/finding';

export const NOTEBOOK_TYPE = 'jupyter-notebook';

export function isPythonDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'python' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled') && !doc.uri.path.endsWith('.ipynb');
}

export function isAnalysableNotebook(nb: vscode.NotebookDocument): boolean {
  return nb.notebookType === NOTEBOOK_TYPE && (nb.uri.scheme === 'file' || nb.uri.scheme === 'untitled');
}

/** The path the analyzer sees: a file path for saved documents (its name marks serving code), else the URI. */
export function analysisPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/**
 * The notebook as nbformat 4 JSON built from its current (possibly unsaved) cells, in the order the
 * editor shows them, with execution counts so "execution order" analysis sees what the kernel ran.
 */
export function notebookJson(nb: vscode.NotebookDocument): string {
  const cells = nb.getCells().map((c) => ({
    cell_type: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown',
    source: c.document.getText(),
    metadata: {},
    ...(c.kind === vscode.NotebookCellKind.Code ? { execution_count: c.executionSummary?.executionOrder ?? null, outputs: [] } : {}),
  }));
  const language = nb.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code)?.document.languageId ?? 'python';
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { language, name: language, display_name: language } }, cells });
}

/** Where a finding's squiggle goes: the .py file, or the notebook cell it names. */
export function findingTarget(owner: vscode.Uri, f: Pick<Finding, 'location'>): vscode.Uri {
  if (f.location.cell === undefined) return owner;
  const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === owner.toString());
  return nb && f.location.cell < nb.cellCount ? nb.cellAt(f.location.cell).document.uri : owner;
}

/**
 * Where a related location of `f` opens: the owner (or its cell) when it is in the finding's own file; else the file
 * it names — a run finding's related line can be in another file (the split in the script, the fit in a helper
 * module), named by an absolute path or relative to the workspace folder of the owner.
 */
export function relatedTarget(owner: vscode.Uri, f: Pick<Finding, 'location'>, r: Pick<Finding, 'location'>): vscode.Uri {
  const file = r.location.file;
  if (file === f.location.file || owner.scheme !== 'file') return findingTarget(owner, r);
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) return vscode.Uri.file(file);
  const folder = vscode.workspace.getWorkspaceFolder(owner);
  return folder ? vscode.Uri.joinPath(folder.uri, file) : findingTarget(owner, r);
}
