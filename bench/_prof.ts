import { parser } from '@lezer/python';
import { generateModule } from './static';
import { analyzeWith } from '../src/core/static/index';
const mods = Array.from({ length: 100 }, (_, i) => generateModule(i + 1));
const trees = mods.map((m) => parser.parse(m));
const times: number[] = []; const ptimes: number[] = [];
for (let k = 0; k < 6; k++) {
  let t = performance.now();
  mods.forEach((m, i) => analyzeWith({ path: 'g.py', text: m }, {}, () => trees[i]));
  times.push(performance.now() - t);
  t = performance.now();
  mods.forEach((m) => parser.parse(m));
  ptimes.push(performance.now() - t);
}
console.log('analysis-only min', Math.min(...times).toFixed(0), 'parse min', Math.min(...ptimes).toFixed(0));
