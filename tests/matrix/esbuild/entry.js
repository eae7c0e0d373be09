// esbuild does not rewrite `new URL('….wasm', import.meta.url)`: the app imports the
// module's URL with the file loader (`--loader:.wasm=file`) and hands it to `init`.
import wasmUrl from 'guided-checklist/guided_checklist_bg.wasm';
import { init } from 'guided-checklist';
import { editOnce } from '../edit.js';

init(wasmUrl).then(editOnce);
