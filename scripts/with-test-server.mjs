// Runs a command beside a fresh reference server (test controls on, any CORS origin),
// started by the tests' one helper; the command sees GC_API_URL and GC_API_TOKEN.
import { spawn } from 'node:child_process';
import { startServer } from '../tests/e2e/server.mjs';

const TOKEN = 'test-admin-token';
const [command, ...args] = process.argv.slice(2);
const server = await startServer(['--admin-token', TOKEN, '--cors-origin', '*', '--test-controls']);
const child = spawn(command, args, {
  stdio: 'inherit', env: { ...process.env, GC_API_URL: server.url, GC_API_TOKEN: TOKEN },
});
const code = await new Promise((resolve) => child.on('exit', (status) => resolve(status ?? 1)));
await server.stop();
process.exit(code);
