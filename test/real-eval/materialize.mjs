// Copies every file named in test/real-eval/manifest-*.jsonl out of the locally fetched repository
// mirrors (/work/.mirror/<owner>+<name>/repo, or $SKEWER_MIRROR_DIR) at the recorded commit into
// <cache>/real-eval/<id>.<ipynb|py> (cache: $SKEWER_TEST_CACHE or ~/.cache/skewer-test).
// Also copies, per file, the other .py / .ipynb files of its repository at that commit into
// <cache>/real-eval/projects/<id>/<same paths> (files over 2 MB and vendored folders skipped), so the
// analyzer can follow the project's own modules and %run files (score.ts reads them from there).
// Fetches nothing; says which files could not be copied and why. Third-party files stay out of the repo.
//   node test/real-eval/materialize.mjs [--mirrors <dir>] [--out <dir>] [--split dev|holdout]
// Exit 0 when every file was copied, 1 when some are missing, 2 on bad usage or an unreadable manifest.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let mirrors = process.env.SKEWER_MIRROR_DIR || '/work/.mirror';
let onlySplit;
let out = path.join(process.env.SKEWER_TEST_CACHE || path.join(os.homedir(), '.cache', 'skewer-test'), 'real-eval');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--mirrors' && args[i + 1]) mirrors = args[++i];
  else if (args[i] === '--out' && args[i + 1]) out = args[++i];
  else if (args[i] === '--split' && (args[i + 1] === 'dev' || args[i + 1] === 'holdout')) onlySplit = args[++i];
  else {
    console.error(`unknown argument: ${args[i]}\nusage: node test/real-eval/materialize.mjs [--mirrors <dir>] [--out <dir>] [--split dev|holdout]`);
    process.exit(2);
  }
}

const entries = [];
for (const name of fs.readdirSync(here).filter((n) => /^manifest-.+\.jsonl$/.test(n)).sort()) {
  fs.readFileSync(path.join(here, name), 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const e = JSON.parse(line);
      for (const k of ['id', 'repo', 'commit', 'path', 'kind']) if (typeof e[k] !== 'string') throw new Error(`"${k}" missing`);
      if (!onlySplit || e.split === onlySplit) entries.push({ ...e, where: `${name}:${i + 1}` });
    } catch (err) {
      console.error(`${name}:${i + 1}: ${err.message}`);
      process.exit(2);
    }
  });
}

/** The git directory of a mirror: fetch leaves either a bare repo or a work tree with .git. */
function gitDir(repo) {
  const base = path.join(mirrors, repo.replace('/', '+'), 'repo');
  for (const d of [path.join(base, '.git'), base]) if (fs.existsSync(path.join(d, 'HEAD'))) return d;
  return undefined;
}

const MAX_PROJECT_FILE = 2 * 1024 * 1024;
const MAX_PROJECT_FILES = 3000;
const VENDORED = /(^|\/)(node_modules|site-packages|\.git|\.venv|venv|env|__pycache__|\.ipynb_checkpoints|dist|build)\//;

/** The other code files of the repository at the commit, into projects/<id>/ (keeping their paths). */
function copyProject(dir, e) {
  const listing = execFileSync('git', ['--git-dir', dir, 'ls-tree', '-r', '-l', '-z', e.commit], { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  const files = [];
  for (const rec of listing.split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\s+(\d+)\t(.*)$/s.exec(rec);
    if (!m || !/\.(py|ipynb)$/i.test(m[3]) || VENDORED.test(m[3]) || Number(m[2]) > MAX_PROJECT_FILE) continue;
    files.push({ sha: m[1], path: m[3] });
  }
  const base = path.join(out, 'projects', e.id);
  fs.rmSync(base, { recursive: true, force: true });
  const batch = files.slice(0, MAX_PROJECT_FILES);
  if (!batch.length) return 0;
  // One git process for every blob: <sha> blob <size>\n<content>\n per file.
  const blobs = execFileSync('git', ['--git-dir', dir, 'cat-file', '--batch'], { input: batch.map((f) => f.sha).join('\n') + '\n', maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  let at = 0;
  for (const f of batch) {
    const nl = blobs.indexOf(10, at);
    const size = Number(blobs.subarray(at, nl).toString('latin1').split(' ')[2]);
    const content = blobs.subarray(nl + 1, nl + 1 + size);
    at = nl + 1 + size + 1;
    const target = path.join(base, ...f.path.split('/'));
    if (!target.startsWith(base + path.sep)) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
  return batch.length;
}

fs.mkdirSync(out, { recursive: true });
const missing = [];
let copied = 0;
let projectFiles = 0;
for (const e of entries) {
  const dir = gitDir(e.repo);
  if (!dir) {
    missing.push(`${e.id} ${e.repo}: no mirror under ${mirrors} (fetch the repository first)`);
    continue;
  }
  try {
    const blob = execFileSync('git', ['--git-dir', dir, 'show', `${e.commit}:${e.path}`], { maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    fs.writeFileSync(path.join(out, `${e.id}.${e.kind}`), blob);
    copied++;
    projectFiles += copyProject(dir, e);
  } catch (err) {
    const why = String(err.stderr || err.message).trim().split('\n')[0];
    missing.push(`${e.id} ${e.repo}@${e.commit.slice(0, 10)}:${e.path}: ${why}`);
  }
}
console.log(`copied ${copied} of ${entries.length} files to ${out} (and ${projectFiles} files of their repositories to ${path.join(out, 'projects')})`);
if (missing.length) {
  console.log(`missing ${missing.length}:`);
  for (const m of missing) console.log(`  ${m}`);
  process.exit(1);
}
