// WASM memory over many client lifecycles and many edits, in Chromium against the reference
// server: after a warm-up, neither may grow the module's memory by more than one 64 KiB page.
// Each page finds that memory as the one `WebAssembly.Memory` among the module's exports,
// whose names the package minifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, seedUser, startServer } from './support.mjs';

const TOKEN = 'memory-token';
const USER = 'memory-user';
const PAGE = 64 * 1024;
let server;
let browser;

before(async () => {
  server = await startServer(['--static-dir', 'target/www', '--admin-token', TOKEN, '--test-controls']);
  await seedUser(server.url, TOKEN, USER, ['a', 'b', 'c']);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage() {
  const page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  return page;
}

test('a full client lifecycle leaves no WASM memory behind', async () => {
  const page = await openPage();
  const result = await page.evaluate(async ({ token, user, api }) => {
    const mod = await import('/pkg/index.js');
    await mod.init();
    const exports = await (await import('/pkg/guided_checklist.js')).default();
    const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);
    const lifecycle = async () => {
      const client = await mod.createChecklistClient({ baseUrl: api, userId: user, getAccessToken: () => token,
        storageKey: 'memory-test' });
      client.subscribe(() => {});
      client.on('step', () => {});
      client.on('error', () => {});
      await client.load();
      client.getSnapshot();
      client.destroy();
      client.free();
    };
    for (let i = 0; i < 200; i += 1) await lifecycle();
    const before = memory.buffer.byteLength;
    for (let i = 0; i < 1000; i += 1) await lifecycle();
    return { before, after: memory.buffer.byteLength };
  }, { token: TOKEN, user: USER, api: server.url });
  const grown = result.after - result.before;
  console.log(`1,000 lifecycles after a warm-up of 200: WASM memory ${result.before} -> ${result.after} bytes`);
  assert.ok(grown <= PAGE, `memory grew by ${grown} bytes over 1,000 lifecycles (allowed: ${PAGE})`);
  await page.close();
});

test('10,000 edits on one client leave no WASM memory behind once synced', async () => {
  const page = await openPage();
  const result = await page.evaluate(async ({ token, user, api }) => {
    const mod = await import('/pkg/index.js');
    await mod.init();
    const exports = await (await import('/pkg/guided_checklist.js')).default();
    const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);
    const client = await mod.createChecklistClient({ baseUrl: api, userId: user, getAccessToken: () => token,
      storageKey: 'memory-edits' });
    client.subscribe(() => client.getSnapshot());
    client.on('step', () => {});
    await client.load();
    // Batches of 100 edits, each synced before the next, so the outbox never holds more than 100.
    const edits = async (count) => {
      for (let done = 0; done < count; done += 100) {
        for (let i = 0; i < 100; i += 2) {
          client.completeStep('a');
          client.reopenStep('a');
        }
        await client.flush();
      }
    };
    await edits(1000);
    const before = memory.buffer.byteLength;
    await edits(10000);
    const after = memory.buffer.byteLength;
    const pending = client.getSnapshot().sync.pending;
    client.destroy();
    client.free();
    return { before, after, pending };
  }, { token: TOKEN, user: USER, api: server.url });
  const grown = result.after - result.before;
  console.log(`10,000 edits after a warm-up of 1,000: WASM memory ${result.before} -> ${result.after} bytes`);
  assert.equal(result.pending, 0, 'every edit was synced');
  assert.ok(grown <= PAGE, `memory grew by ${grown} bytes over 10,000 edits (allowed: ${PAGE})`);
  await page.close();
});

test('a JSON text over the size limit is refused before it is copied into WASM memory', async () => {
  const page = await openPage();
  const result = await page.evaluate(async () => {
    const mod = await import('/pkg/index.js');
    await mod.init();
    const exports = await (await import('/pkg/guided_checklist.js')).default();
    const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);
    mod.validateGuidedChecklist('{}');
    const before = memory.buffer.byteLength;
    const huge = `"${'x'.repeat(64 * 1024 * 1024)}"`;
    const report = mod.validateGuidedChecklist(huge);
    let thrown;
    try {
      mod.Checklist.fromJSON(huge);
    } catch (error) {
      thrown = error.code;
    }
    return { before, after: memory.buffer.byteLength, code: report.errors[0]?.code, thrown };
  });
  assert.equal(result.code, 'too_large');
  assert.equal(result.thrown, 'invalid');
  const grown = result.after - result.before;
  console.log(`a 64 MiB text refused: WASM memory ${result.before} -> ${result.after} bytes`);
  assert.ok(grown <= PAGE, `memory grew by ${grown} bytes for a refused 64 MiB text`);
  await page.close();
});

test('a 4 MiB text of tiny values is refused without building a tree of them', async () => {
  const page = await openPage();
  const result = await page.evaluate(async () => {
    const mod = await import('/pkg/index.js');
    await mod.init();
    const exports = await (await import('/pkg/guided_checklist.js')).default();
    const memory = Object.values(exports).find((value) => value instanceof WebAssembly.Memory);
    mod.validateGuidedChecklist('{}');
    const before = memory.buffer.byteLength;
    const tiny = `[${'[],'.repeat(1_398_000)}[]]`;
    const report = mod.validateGuidedChecklist(tiny);
    return { before, after: memory.buffer.byteLength, length: tiny.length, code: report.errors[0]?.code };
  });
  assert.equal(result.code, 'too_large');
  const grown = result.after - result.before;
  console.log(`${result.length} bytes of empty arrays refused: WASM memory ${result.before} -> ${result.after} bytes`);
  assert.ok(grown <= 12 * 1024 * 1024, `memory grew by ${grown} bytes: no tree was built (it took about 100 MiB)`);
  await page.close();
});
