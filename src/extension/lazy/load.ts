import path from 'node:path';
import type * as Heavy from './heavy';

let loaded: typeof Heavy | undefined;

/** The lazily loaded heavy bundle (dist/heavy.js, next to dist/extension.js). */
export function heavy(): typeof Heavy {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(path.join(__dirname, 'heavy.js')) as typeof Heavy;
  return loaded;
}
