// The one way the tests start the reference server: target/debug/guided-checklist-server on
// a free loopback port with a fresh SQLite file, resolved only once it says it listens.
// The end-to-end tests import it; scripts/with-test-server.sh runs commands beside it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Starts target/debug/guided-checklist-server with `args` on a free port; resolves with its URL and a stop function. */
export async function startServer(args) {
  const db = join(mkdtempSync(join(tmpdir(), 'gc-e2e-')), 'e2e.sqlite');
  const child = spawn(join(root, 'target/debug/guided-checklist-server'),
    ['--addr', '127.0.0.1:0', '--db', db, '--quiet', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 30 s: ${out}`));
    }, 30000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/listening on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  return { url, stop };
}
