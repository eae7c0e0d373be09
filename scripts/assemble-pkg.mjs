// Turns wasm-pack's output (pkg/, or the folder given as argument) into the published
// package: adds the wrapper entries and writes a package.json with exports, types, files
// and sideEffects.
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const pkg = new URL(`${(process.argv[2] ?? 'pkg').replace(/\/$/, '')}/`, root);
const generated = JSON.parse(readFileSync(new URL('package.json', pkg), 'utf8'));
for (const file of ['index.js', 'load.js', 'node.js', 'resilient.js', 'index.d.ts', 'react.js', 'react.d.ts', 'errors.d.ts']) {
  copyFileSync(new URL(`js/${file}`, root), new URL(file, pkg));
}
// The error classes are the module's own copy of js/errors.js (wasm-bindgen puts it under
// snippets/<crate>-<hash>/): the entries re-export that one, so `instanceof` holds.
/** The module's copy of js/errors.js under `dir`, as a path relative to it. */
function errorsSnippet(dir, name) {
  const path = readdirSync(new URL('snippets/', dir)).map((crate) => `snippets/${crate}/js/errors.js`)
    .find((candidate) => existsSync(new URL(candidate, dir)));
  if (!path) throw new Error(`${name}/snippets/*/js/errors.js is missing: was the module built from this crate?`);
  return path;
}
const snippet = errorsSnippet(pkg, 'pkg');
writeFileSync(new URL('errors.js', pkg), `export { ChecklistError, ChecklistSyncError } from './${snippet}';\n`);

// The engine-only module in core/: its glue imports the same error classes as the main
// module's, so `instanceof ChecklistError` holds whichever entry threw.
const core = new URL('core/', pkg);
for (const file of ['package.json', 'README.md', '.gitignore', 'LICENSE-MIT', 'LICENSE-APACHE']) rmSync(new URL(file, core), { force: true });
copyFileSync(new URL('js/core.js', root), new URL('index.js', core));
copyFileSync(new URL('js/core-node.js', root), new URL('node.js', core));
copyFileSync(new URL('js/core.d.ts', root), new URL('index.d.ts', core));
const coreGlue = new URL('guided_checklist.js', core);
const coreSnippet = errorsSnippet(core, 'pkg/core');
const glueText = readFileSync(coreGlue, 'utf8');
if (!glueText.includes(`'./${coreSnippet}'`)) throw new Error(`the core glue does not import ./${coreSnippet}`);
writeFileSync(coreGlue, glueText.replaceAll(`'./${coreSnippet}'`, `'../${snippet}'`));
rmSync(new URL(coreSnippet, core));
// The browser entries and their glue.
const ENTRIES = [['index.js', 'guided_checklist.js'], ['core/index.js', 'core/guided_checklist.js']];
// wasm-bindgen's glue warns when `initSync` or its init function is given the module itself
// rather than `{ module }`, then uses it. init() always passes the object and `initSync`'s
// declaration takes either, so the two warnings are only weight: 63 bytes gzip an entry.
for (const [, glue] of ENTRIES) {
  const text = readFileSync(new URL(glue, pkg), 'utf8');
  const warning = / else \{\n\s+console\.warn\('using deprecated parameters[^']*'\)\n\s+\}/g;
  const found = text.match(warning)?.length ?? 0;
  if (found !== 2) throw new Error(`${glue}: ${found} deprecated-parameter warnings, not the 2 of wasm-bindgen 0.2.130's glue`);
  writeFileSync(new URL(glue, pkg), text.replace(warning, ''));
}
// Each browser entry also imports its glue's snippets itself. A page that loads the package
// as separate files (an import map, no bundler) then finds them with the glue, one level
// down, instead of only after the glue has arrived: one round trip less before init() can
// ask for the module. Bundlers take the same modules either way.
for (const [entry, glue] of ENTRIES) {
  const specifiers = new Set([...readFileSync(new URL(glue, pkg), 'utf8').matchAll(/from ['"](\.\.?\/snippets\/[^'"]+)['"]/g)]
    .map((m) => m[1]));
  if (specifiers.size === 0) throw new Error(`${glue} imports no snippets: was it built by wasm-bindgen?`);
  const text = readFileSync(new URL(entry, pkg), 'utf8');
  const first = text.indexOf('\nimport ') + 1;
  const imports = [...specifiers].map((specifier) => `import '${specifier}';\n`).join('');
  writeFileSync(new URL(entry, pkg), text.slice(0, first) + imports + text.slice(first));
}
for (const file of ['LICENSE-MIT', 'LICENSE-APACHE']) {
  copyFileSync(new URL(file, root), new URL(file, pkg));
}
const files = ['index.js', 'load.js', 'node.js', 'resilient.js', 'index.d.ts', 'react.js', 'react.d.ts', 'errors.js', 'errors.d.ts',
  'guided_checklist.js',
  'guided_checklist.d.ts', 'guided_checklist_bg.wasm', 'guided_checklist_bg.wasm.d.ts', 'LICENSE-MIT', 'LICENSE-APACHE'];
if (existsSync(new URL('snippets', pkg))) files.push('snippets/');
files.push('core/');
const manifest = {
  name: 'guided-checklist',
  version: generated.version,
  description: generated.description,
  license: generated.license,
  type: 'module',
  main: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', node: './node.js', default: './index.js' },
    './core': { types: './core/index.d.ts', node: './core/node.js', default: './core/index.js' },
    './react': { types: './react.d.ts', default: './react.js' },
    './guided_checklist_bg.wasm': './guided_checklist_bg.wasm',
    './core/guided_checklist_bg.wasm': './core/guided_checklist_bg.wasm',
    './package.json': './package.json',
  },
  files,
  sideEffects: ['./node.js', './core/node.js'],
  peerDependencies: { react: '^18.0.0 || ^19.0.0' },
  peerDependenciesMeta: { react: { optional: true } },
  engines: { node: '>=20' },
};
writeFileSync(new URL('package.json', pkg), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`assembled pkg/ (${files.length} entries)`);
