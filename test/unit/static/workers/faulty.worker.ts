/**
 * A stand-in for the static worker that answers 'check' requests with a note naming the file and
 * the thread, and misbehaves on purpose for some file names, so the pool's handling of a failing
 * file can be tested: crash.py exits the thread, throw.py throws out of the handler, hang.py never
 * returns, error.py gets an error response; a file named slow*.py takes 150 ms, sleepy*.py 1 s,
 * others 5 ms. A JIT warm-up request is answered at once, except that one of 666 ms exits the thread.
 */
import { parentPort, threadId } from 'node:worker_threads';

const port = parentPort!;
const busy = (ms: number): void => { const end = Date.now() + ms; while (Date.now() < end) { /* spin: this is a CPU-bound worker */ } };

port.on('message', (msg: { id: number; path: string; type?: string; ms?: number }) => {
  if (msg.type === 'warm') {
    if (msg.ms === 666) process.exit(3);
    port.postMessage({ type: 'warmed', runs: 0 });
    return;
  }
  const name = msg.path.split('/').pop();
  if (name === 'crash.py') process.exit(7);
  if (name === 'throw.py') throw new Error('handler blew up');
  if (name === 'hang.py') for (;;) busy(1000);
  if (name === 'error.py') { port.postMessage({ id: msg.id, error: 'malformed request' }); return; }
  busy(name?.startsWith('sleepy') ? 1000 : name?.startsWith('slow') ? 150 : 5);
  port.postMessage({ id: msg.id, result: { findings: [], notes: [{ path: msg.path, kind: 'info', message: `${msg.path} on thread ${threadId}` }] }, elapsedMs: 1 });
});
port.postMessage({ type: 'ready' });
