// Open XForms with ODK's own engine (@getodk/xforms-engine, headless in Node with jsdom) as the web form
// does, and say what Madani's renderer (madani/static/collect/webform.js, draw()) would show as "filled in
// ODK Collect". Used by bench/xlsform_corpus.py to check its figure of the forms the web form fills whole.
//
//   node frontend/odk/open.mjs LIST.json
//
// LIST: [{"form": "path/to/form.xml", "files": "folder of the form's attached files, or null"}, ...]; a
// file the form names (jr://file-csv/x.csv, jr://file/x.xml) is read from that folder, or is missing.
// Prints one JSON object per form, in order, one a line: {"opened": true, "unsupported": ["range", ...],
// "missing": ["x.csv"]} or {"opened": false, "error": "…"}.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

import { engine } from './engine.mjs';

const { createInstance } = engine;

// The nodes webform.js draws with drawUnsupported (keep the two in step).
function unsupported(node) {
  if (node.nodeType === 'input') {
    return node.valueType.startsWith('geo') || node.valueType === 'binary' ? node.valueType : null;
  }
  const drawn = ['model-value', 'attribute', 'select', 'note', 'trigger', 'root', 'group', 'repeat-instance',
    'repeat-range:controlled', 'repeat-range:uncontrolled', 'subtree'];
  return drawn.includes(node.nodeType) ? null : node.nodeType;
}

function walk(node, found) {
  const kind = unsupported(node);
  if (kind) found.add(kind);
  for (const child of node.currentState.children ?? []) walk(child, found);
  return found;
}

for (const { form, files } of JSON.parse(readFileSync(process.argv[2], 'utf8'))) {
  const missing = [];
  const fetchFormAttachment = async (url) => {
    const name = decodeURIComponent(String(url.href ?? url).split('/').pop());
    const file = files ? path.join(files, name) : null;
    if (file && existsSync(file)) return new Response(readFileSync(file));
    missing.push(name);
    return new Response('', { status: 404 });
  };
  let line;
  try {
    const instance = await createInstance(readFileSync(form, 'utf8'),
      { form: { fetchFormAttachment, missingResourceBehavior: 'BLANK' } });
    line = { opened: true, unsupported: [...walk(instance.root, new Set())].sort(), missing };
  } catch (error) {
    line = { opened: false, error: String(error?.message ?? error).split('\n')[0].slice(0, 300) };
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
