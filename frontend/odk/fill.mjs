// Fill an XForm with ODK's own engine (@getodk/xforms-engine, headless in Node with jsdom), as ODK Web
// Forms and Collect would: the engine applies relevance, constraints and calculations and writes the
// submission XML with meta/instanceID. Used by madani/collect/tests/test_odk_engine.py.
//
//   node frontend/odk/fill.mjs FORM.xml ANSWERS.json [INSTANCE.xml]
//
// ANSWERS: {"repeats": {"/data/visits": 2}, "values": {"/data/place_name": "…", "/data/visits[2]/visit_date": "…"},
//           "files": {"villages.csv": "name,label\n…"}} — "files": the form's attachments, as the web form gives them.
// With INSTANCE.xml the instance is edited (the engine adds meta/deprecatedID). Prints one JSON object:
// {"status": "ready" | "pending", "violations": [...], "xml": "…"}.
import { readFileSync } from 'node:fs';

import { engine } from './engine.mjs';

const { createInstance, editInstance } = engine;

const [formPath, answersPath, instancePath] = process.argv.slice(2);
const formXML = readFileSync(formPath, 'utf8');
const answers = JSON.parse(readFileSync(answersPath, 'utf8'));
const files = answers.files ?? {};
const fetchFormAttachment = async (url) => {
  const name = decodeURIComponent(String(url.href ?? url).split('/').pop());
  return name in files ? new Response(files[name]) : new Response('', { status: 404 });
};
const form = instancePath
  ? await editInstance(formXML, {
      inputType: 'FORM_INSTANCE_INPUT_RESOLVABLE',
      resolveInstance: () => readFileSync(instancePath, 'utf8'),
      attachments: new Map(),
    }, { form: { fetchFormAttachment } })
  : await createInstance(formXML, { form: { fetchFormAttachment } });

const find = (node, reference) => {
  if (node.currentState.reference === reference) return node;
  for (const child of node.currentState.children ?? []) {
    const found = find(child, reference);
    if (found) return found;
  }
  return null;
};
const need = (reference) => {
  const node = find(form.root, reference);
  if (!node) throw new Error(`no node ${reference}`);
  return node;
};
for (const [reference, count] of Object.entries(answers.repeats ?? {})) {
  const range = need(reference);
  const missing = count - range.currentState.children.length;
  if (missing > 0) range.addInstances(range.currentState.children.length - 1, missing);
}
for (const [reference, value] of Object.entries(answers.values ?? {})) {
  const node = need(reference);
  if (node.nodeType === 'select') {
    if (Array.isArray(value)) node.selectValues(value);
    else node.selectValue(value);
  } else {
    node.setValue(value);
  }
}
const payload = await form.root.prepareInstancePayload();
const file = payload.data[0].get('xml_submission_file');
const violations = (payload.violations ?? []).map((v) => v.reference ?? String(v));
process.stdout.write(JSON.stringify({ status: payload.status, violations, xml: await file.text() }));
