import { parser } from '@lezer/python';
import { generateModule } from './static';
import { analyzeWith } from '../src/core/static/index';
const mods = Array.from({ length: 100 }, (_, i) => generateModule(i + 1));
const trees = mods.map((m) => parser.parse(m));
for (let k = 0; k < 8; k++) mods.forEach((m, i) => analyzeWith({ path: 'g.py', text: m }, {}, () => trees[i]));
