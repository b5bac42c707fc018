// Copies every file named in test/real-eval/manifest-*.jsonl out of the locally fetched repository
// mirrors (/work/.mirror/<owner>+<name>/repo, or $SKEWER_MIRROR_DIR) at the recorded commit into
// <cache>/real-eval/<id>.<ipynb|py> (cache: $SKEWER_TEST_CACHE or ~/.cache/skewer-test).
// Fetches nothing; says which files could not be copied and why. Third-party files stay out of the repo.
//   node test/real-eval/materialize.mjs [--mirrors <dir>] [--out <dir>]
// Exit 0 when every file was copied, 1 when some are missing, 2 on bad usage or an unreadable manifest.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let mirrors = process.env.SKEWER_MIRROR_DIR || '/work/.mirror';
let out = path.join(process.env.SKEWER_TEST_CACHE || path.join(os.homedir(), '.cache', 'skewer-test'), 'real-eval');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--mirrors' && args[i + 1]) mirrors = args[++i];
  else if (args[i] === '--out' && args[i + 1]) out = args[++i];
  else {
    console.error(`unknown argument: ${args[i]}\nusage: node test/real-eval/materialize.mjs [--mirrors <dir>] [--out <dir>]`);
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
      entries.push({ ...e, where: `${name}:${i + 1}` });
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

fs.mkdirSync(out, { recursive: true });
const missing = [];
let copied = 0;
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
  } catch (err) {
    const why = String(err.stderr || err.message).trim().split('\n')[0];
    missing.push(`${e.id} ${e.repo}@${e.commit.slice(0, 10)}:${e.path}: ${why}`);
  }
}
console.log(`copied ${copied} of ${entries.length} files to ${out}`);
if (missing.length) {
  console.log(`missing ${missing.length}:`);
  for (const m of missing) console.log(`  ${m}`);
  process.exit(1);
}
