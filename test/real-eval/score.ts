/**
 * Scores src/core/static's analyzeDocument on the local copies of the real-notebook corpus.
 * Fetches nothing: run `node test/real-eval/materialize.mjs` first to copy the files out of the
 * fetched mirrors.
 *   npx tsx test/real-eval/score.ts [--split dev|holdout|all] [--json] [--manifests <dir>] [--cache <dir>]
 * --split   which part to score (default all: dev and holdout reported separately).
 * --json    the full report (per-kind confusion, per-finding counts, disagreements) as JSON.
 * --no-modules  do not follow the project's own modules (the repository copies materialize.mjs
 *           leaves in <cache>/projects/<id>/); by default the analyzer reads them there.
 * The analyzer runs without the editor's per-file time budget (a wall-clock cut-off, so on a loaded
 * machine a slow file would be scored on partial findings and the figures would depend on the load);
 * speed is measured by `npm run bench static`, not here.
 * Exit 0 on a report (also when copies are missing: they are listed), 2 on bad usage or a
 * malformed manifest (the message names file and line).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDocument, type AnalysisResult, type DocumentInput } from '../../src/core/static/index';
import { localCopy, ManifestError, readManifests, type Split } from './manifest';
import { formatReport, scoreCorpus } from './scoring';

const USAGE = 'usage: npx tsx test/real-eval/score.ts [--split dev|holdout|all] [--json] [--no-modules] [--manifests <dir>] [--cache <dir>]';

const NO_BUDGET = 10 * 60_000;

/** Same default as test/tooling/tools.mjs and materialize.mjs. */
export function defaultCacheDir(): string {
  return path.join(process.env.SKEWER_TEST_CACHE || path.join(os.homedir(), '.cache', 'skewer-test'), 'real-eval');
}

export function main(argv: string[]): number {
  let splits: Split[] = ['dev', 'holdout'];
  let json = false;
  let modules = true;
  let manifests = __dirname;
  let cache = defaultCacheDir();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => argv[++i];
    if (a === '--json') json = true;
    else if (a === '--no-modules') modules = false;
    else if (a === '--split') {
      const v = value();
      if (v === 'all') splits = ['dev', 'holdout'];
      else if (v === 'dev' || v === 'holdout') splits = [v];
      else {
        process.stderr.write(`--split takes dev, holdout or all, not ${JSON.stringify(v)}\n${USAGE}\n`);
        return 2;
      }
    } else if (a === '--manifests' || a === '--cache') {
      const v = value();
      if (!v) {
        process.stderr.write(`${a} needs a directory\n${USAGE}\n`);
        return 2;
      }
      if (a === '--manifests') manifests = v;
      else cache = v;
    } else {
      process.stderr.write(`unknown argument: ${a}\n${USAGE}\n`);
      return 2;
    }
  }
  let entries;
  try {
    entries = readManifests(manifests);
  } catch (e) {
    process.stderr.write(`${e instanceof ManifestError ? 'bad manifest: ' : ''}${(e as Error).message}\n`);
    return 2;
  }
  const read = (e: (typeof entries)[number]): string | undefined => {
    try {
      return fs.readFileSync(localCopy(cache, e), 'utf8');
    } catch {
      return undefined;
    }
  };
  // The analyzer sees "<repo>/<path>"; the other files of the repository are in projects/<id>/.
  const byPath = new Map(entries.map((e) => [`${e.repo}/${e.path}`, e]));
  const analyze = (input: DocumentInput): AnalysisResult => {
    const e = byPath.get(input.path);
    if (!modules || !e) return analyzeDocument(input, { timeBudgetMs: NO_BUDGET });
    const project = path.join(cache, 'projects', e.id);
    const readModule = (p: string): string | undefined => {
      if (!p.startsWith(e.repo + '/')) return undefined;
      try {
        return fs.readFileSync(path.join(project, ...p.slice(e.repo.length + 1).split('/')), 'utf8');
      } catch {
        return undefined;
      }
    };
    return analyzeDocument(input, { readModule, moduleRoot: e.repo, timeBudgetMs: NO_BUDGET });
  };
  const report = scoreCorpus(entries, splits, read, (e) => localCopy(cache, e), analyze);
  process.stdout.write((json ? JSON.stringify(report, null, 2) : formatReport(report)) + '\n');
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
