/**
 * Bad input never crashes the reader: a real run's events file damaged in many random but
 * reproducible ways (byte flips, cut lines, swapped or duplicated lines, JSON values replaced by
 * values of the wrong type) always reads to a Run plus problems.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readRun } from '../../../src/core/runlog/readRun';
import { richestExampleRun, rng, Scratch } from './helpers';

const WEIRD: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], {}, [1, 'a'], { a: 1 }, 1e308, '../../x'];

/** Replaces one random value somewhere inside a JSON value with a value of another type. */
function mutateJson(v: unknown, r: () => number, depth = 0): unknown {
  if (Array.isArray(v) && v.length && r() < 0.85) {
    const i = Math.floor(r() * v.length);
    const c = [...v];
    c[i] = mutateJson(v[i], r, depth + 1);
    return c;
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && r() < 0.9) {
    const keys = Object.keys(v);
    if (keys.length) {
      const k = keys[Math.floor(r() * keys.length)]!;
      const c: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      if (r() < 0.1) delete c[k];
      else c[k] = mutateJson(c[k], r, depth + 1);
      return c;
    }
  }
  return WEIRD[Math.floor(r() * WEIRD.length)];
}

describe('runlog/fuzz', function () {
  this.timeout(120_000);

  it('200 damaged variants of a real run all read without throwing', async () => {
    const scratch = new Scratch();
    try {
      const dir = scratch.copyRun(richestExampleRun());
      const lines = scratch.lines(dir);
      for (let seed = 1; seed <= 200; seed++) {
        const r = rng(seed);
        let out = [...lines];
        const kind = seed % 5;
        if (kind === 0) {
          // Structural damage inside one event.
          for (let k = 0; k < 3; k++) {
            const i = Math.floor(r() * out.length);
            out[i] = JSON.stringify(mutateJson(JSON.parse(out[i]!), r));
          }
        } else if (kind === 1) {
          const i = Math.floor(r() * out.length);
          out[i] = out[i]!.slice(0, Math.floor(r() * out[i]!.length));
        } else if (kind === 2) {
          const text = Buffer.from(out.join('\n'));
          for (let k = 0; k < 5; k++) text[Math.floor(r() * text.length)] = Math.floor(r() * 256);
          out = text.toString('latin1').split('\n');
        } else if (kind === 3) {
          for (let k = 0; k < 5; k++) {
            const i = Math.floor(r() * out.length);
            const j = Math.floor(r() * out.length);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          out.push(out[Math.floor(r() * out.length)]!);
        } else {
          out = out.filter(() => r() > 0.2);
        }
        writeFileSync(path.join(dir, 'events.ndjson'), out.join('\n') + (r() < 0.5 ? '\n' : ''));
        let result;
        try {
          result = await readRun(dir);
        } catch (e) {
          assert.fail(`seed ${seed} (kind ${kind}) threw: ${(e as Error).stack}`);
        }
        assert.ok(Array.isArray(result.problems) && Array.isArray(result.run.steps), `seed ${seed}`);
        JSON.stringify(result); // plain data, serialisable for workers and webviews
      }
    } finally {
      scratch.dispose();
    }
  });
});
