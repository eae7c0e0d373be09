// Shortens the names on the boundary between the module and its JS glue, as emscripten does
// for its own: `wasm-opt --minify-imports-and-exports-and-modules` renames every import and
// export (wasm-bindgen's are up to 60 characters, most ending in a hash of 16 hex digits that
// gzip cannot shrink, and each is written twice, in the .wasm and in the glue) and prints the
// mapping, which this script applies to the glue. Every name must be found where the glue of
// wasm-bindgen 0.2.130 writes it, or the build fails: a changed glue is never half rewritten.
//   wasm-opt ... --minify-imports-and-exports-and-modules in.wasm -o out.wasm > mapping.json
//   node scripts/minify-boundary.mjs <dir> mapping.json
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, mappingFile] = process.argv.slice(2);
const mapping = JSON.parse(readFileSync(mappingFile, 'utf8'));
const fail = (why) => {
  console.error(`minify-boundary: ${why}`);
  process.exit(1);
};
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const gluePath = join(dir, 'guided_checklist.js');
let glue = readFileSync(gluePath, 'utf8');
const GLUE_MODULE = './guided_checklist_bg.js';

// Imports: the glue's own are the keys of `import0`; another module's (a snippet's function
// that needs no wrapper) are that module's exports, renamed in the one module "a".
const others = [];
for (const [module, name, short] of mapping.imports) {
  if (module === GLUE_MODULE) {
    const key = new RegExp(`^(\\s+)${escape(name)}(: )`, 'm');
    if (!key.test(glue)) fail(`import ${name} is not a key of the glue's imports`);
    glue = glue.replace(key, (_, indent, colon) => `${indent}${short}${colon}`);
  } else {
    const namespace = glue.match(new RegExp(`"${escape(module)}": (import\\d+),`));
    if (!namespace) fail(`no import object for ${module}`);
    others.push(`${short}: ${namespace[1]}.${name}`);
  }
}
const modules = /return \{\n\s+__proto__: null,\n\s+"\.\/guided_checklist_bg\.js": import0,\n(\s+"[^"]+": import\d+,\n)*\s+\};/;
if (!modules.test(glue)) fail('the glue does not return its import objects as expected');
glue = glue.replace(modules, () => `return { __proto__: null, a: Object.assign(import0, { ${others.join(', ')} }) };`);

// Exports: every `wasm.name` of the glue.
const exports = new Map(mapping.exports);
glue = glue.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (_, name) => {
  if (!exports.has(name)) fail(`the glue uses an export the mapping does not name: ${name}`);
  return `wasm.${exports.get(name)}`;
});
for (const [module, name] of mapping.imports) {
  if (module === GLUE_MODULE && glue.includes(name)) fail(`${name} is still in the glue`);
}
writeFileSync(gluePath, glue);

// The module's own declarations, for tools that read the .wasm's exports.
const declarationsPath = join(dir, 'guided_checklist_bg.wasm.d.ts');
const declarations = readFileSync(declarationsPath, 'utf8').replace(/^export const ([\w$]+):/gm, (line, name) => {
  if (!exports.has(name)) fail(`the declarations name an export the mapping does not: ${name}`);
  return `export const ${exports.get(name)}:`;
});
writeFileSync(declarationsPath, declarations);
