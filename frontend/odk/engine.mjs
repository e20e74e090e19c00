// ODK's own engine (@getodk/xforms-engine) made ready to run headless in Node, for fill.mjs and open.mjs:
// its XPath parser (tree-sitter compiled with emscripten) looks for CommonJS globals, and the engine reads
// XML with the DOM's parser, which jsdom gives Node.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
globalThis.__dirname = path.join(here, '..', 'node_modules', '@getodk', 'xforms-engine', 'dist');
globalThis.require = createRequire(import.meta.url);
const { JSDOM } = await import('jsdom');
const { window } = new JSDOM('');
for (const name of ['DOMParser', 'XMLSerializer', 'Node', 'Element', 'Document', 'XMLDocument', 'NodeFilter', 'Attr', 'Text', 'document']) {
  if (!(name in globalThis)) globalThis[name] = window[name];
}

export const engine = await import('@getodk/xforms-engine');
