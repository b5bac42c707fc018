// What bench/viewer.ts bundles and times: the data viewer's client of the tables worker.
import { ViewWorker } from '../src/core/tables/viewClient';

export { ViewWorker };

/**
 * First screens of `file` in fresh workers (open + the first `window` rows), wall and CPU time of all
 * threads each. Run in a plain `node` process by bench/viewer.ts: under tsx every worker would
 * inherit tsx's loader (Node workers inherit execArgv), which the extension host does not have.
 */
export async function firstScreens(file: string, repeat: number, rows: number, window: number): Promise<{ wall: number[]; cpu: number[] }> {
  // The parquet-wasm module compiles once per process (the extension host's first Parquet open):
  // one open outside the samples, as every open but the first is.
  const warm = new ViewWorker();
  await warm.open(file);
  await warm.terminate();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const w = new ViewWorker();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const info = await w.open(file);
    const win = await w.window(info.handle, 0, window);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(cpu0);
    cpu.push((c.user + c.system) / 1000);
    if (info.loadedRows !== rows || win.rows.length !== window) throw new Error(`${file}: ${info.loadedRows} rows, window ${win.rows.length}`);
    await w.terminate();
  }
  return { wall, cpu };
}
