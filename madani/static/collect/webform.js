// Madani's web form: ODK's XForms engine (@getodk/xforms-engine, vendored) fills the XForm; this file only
// draws its questions and sends the instance XML to the same submission path as ODK Collect (idempotent by
// meta/instanceID). Form text is text: labels, hints and messages go through textContent, never innerHTML —
// except a text that uses Markdown, which the server rendered with the site's safe Markdown function
// (core/markdown.py: raw HTML off, then nh3) into #odk-markup; that HTML is parsed inert and adopted.
// Offline: the page and its files are kept by a service worker (collect/offline_worker.js, its scope the
// site in the page's language: data-scope), and a finished instance waits in this device's IndexedDB until
// the server has it (201 or 202), then leaves the queue.
const root = document.getElementById('odk-form');
const t = JSON.parse(document.getElementById('odk-strings').textContent);
const markupBox = document.getElementById('odk-markup');
const MARKUP = markupBox ? JSON.parse(markupBox.textContent) : {};
const filesBox = document.getElementById('odk-files');
const FILES = filesBox ? JSON.parse(filesBox.textContent) : {};
const statusBox = document.getElementById('odk-status');
const queueBox = document.getElementById('odk-queue');

const EASTERN = { '٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9',
  '۰': '0', '۱': '1', '۲': '2', '۳': '3', '۴': '4', '۵': '5', '۶': '6', '۷': '7', '۸': '8', '۹': '9', '٫': '.', '٬': '', '−': '-' };
const westernDigits = (text) => text.replace(/[٠-٩۰-۹٫٬−]/g, (c) => EASTERN[c]);

function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  return node;
}

function say(message, kind = 'info') {
  statusBox.replaceChildren(el('div', { class: `alert alert-${kind} mb-0`, role: 'status' }, message));
}

// The data files uploaded with the form (CSV, XML, GeoJSON: choices from a file, pulldata), in the page:
// the engine asks for them by their jr:// address; a file the page lacks is missing (the form cannot open).
async function fetchFormAttachment(url) {
  const name = decodeURIComponent(String(url.href ?? url).split('/').pop());
  return Object.prototype.hasOwnProperty.call(FILES, name) ? new Response(FILES[name]) : new Response('', { status: 404 });
}

// ---- the queue (IndexedDB) ----
const DB = 'madani-forms';
function db() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('queue', { keyPath: 'instanceID' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
async function store(mode, work) {
  const conn = await db();
  return new Promise((resolve, reject) => {
    const tx = conn.transaction('queue', mode);
    const result = work(tx.objectStore('queue'));
    tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}
// This account's submissions: on a shared phone another account's wait for that account to sign in again.
const queued = () => store('readonly', (s) => s.getAll())
  .then((items) => items.filter((item) => (item.user || root.dataset.user) === root.dataset.user));
const enqueue = (item) => store('readwrite', (s) => s.put(item));
const dequeue = (id) => store('readwrite', (s) => s.delete(id));

async function showQueue() {
  const items = await queued();
  const waiting = items.filter((i) => !i.error).length;
  const refused = items.filter((i) => i.error);
  queueBox.replaceChildren();
  if (waiting) queueBox.append(el('p', { class: 'alert alert-warning', 'data-queue': waiting }, t.waiting.replace('%s', waiting)));
  for (const item of refused) queueBox.append(el('p', { class: 'alert alert-danger' }, `${t.refused} ${item.error}`));
}

let flushing = false;
async function flush() {
  if (!navigator.onLine) { await showQueue(); return; }
  if (flushing) return;
  flushing = true;
  try {
    for (const item of await queued()) {
      if (item.error) continue;
      let response;
      try {
        response = await fetch(item.url, { method: 'POST', body: item.xml, credentials: 'same-origin',
          headers: { 'Content-Type': 'text/xml; charset=utf-8', 'X-CSRFToken': root.dataset.csrf } });
      } catch {
        break; // still offline: try again when the connection returns
      }
      const answer = await response.json().catch(() => null);
      if (!answer && (response.status === 403 || response.redirected)) { // a sign-in that ended: it keeps waiting
        say(t.signIn, 'warning');
        break;
      }
      if (response.status === 201 || response.status === 202) await dequeue(item.instanceID);
      else if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
        await enqueue({ ...item, error: answer?.message || String(response.status) });
      } else break;
      if (response.ok) {
        say(t.sent, 'success');
        if (answer?.url && t.view) statusBox.firstChild.append(' ', el('a', { href: answer.url }, t.view));
      }
    }
  } finally {
    flushing = false;
    await showQueue();
  }
}

// ---- drawing the form ----
const drawn = new Map(); // nodeId -> {node, box, refresh}

function textOf(range) {
  return range ? range.asString : '';
}

// Show a label or hint: its sanitized Markdown when the server rendered one for this very text, else text.
function show(node, text) {
  const html = Object.prototype.hasOwnProperty.call(MARKUP, text.trim()) ? MARKUP[text.trim()] : null;
  if (html === null) { node.textContent = text; return; }
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  node.replaceChildren(...[...parsed.body.childNodes].map((child) => document.importNode(child, true)));
}

function caption(node, tag = 'label', attrs = {}) {
  const box = el(tag, { class: 'form-label fw-semibold', ...attrs }, textOf(node.currentState.label));
  const mark = el('span', { class: 'text-danger ms-1', 'aria-hidden': 'true' }, '*');
  return { box, mark };
}

function withChrome(node, control, labelFor) {
  const box = el('div', { class: 'mb-3 odk-question', 'data-reference': node.currentState.reference });
  const { box: label, mark } = caption(node, labelFor ? 'label' : 'div', labelFor ? { for: labelFor } : {});
  box.append(label);
  const hint = el('div', { class: 'form-text mt-0 mb-1' });
  box.append(hint, control);
  const problem = el('div', { class: 'invalid-feedback d-block' });
  box.append(problem);
  const refresh = () => {
    const state = node.currentState;
    box.hidden = !state.relevant;
    show(label, textOf(state.label));
    if (state.required) label.append(mark);
    show(hint, textOf(state.hint));
    hint.hidden = !hint.textContent;
    const violation = node.validationState?.violation;
    problem.textContent = bad.get(node.nodeId)
      || (violation && touched.has(node.nodeId) ? (violation.message?.asString || t.invalid) : '');
  };
  return { box, refresh };
}

const touched = new Set();
const bad = new Map(); // nodeId -> why the typed text is not a number (nothing is set in the engine)
function changed(node) {
  touched.add(node.nodeId);
  refreshAll();
}

function drawInput(node) {
  const id = `q-${node.nodeId}`;
  const type = node.valueType;
  const attrs = { id, class: 'form-control', name: node.currentState.reference };
  if (type === 'int' || type === 'decimal') Object.assign(attrs, { type: 'text', inputmode: type === 'int' ? 'numeric' : 'decimal', dir: 'ltr' });
  else if (type === 'date') attrs.type = 'date';
  else if (type === 'time') attrs.type = 'time';
  else if (type === 'dateTime') attrs.type = 'datetime-local';
  else attrs.type = 'text';
  const multiline = type === 'string' && node.appearances?.multiline;
  const input = el(multiline ? 'textarea' : 'input', attrs);
  if (multiline) input.removeAttribute('type');
  const shown = () => { const v = node.currentState.value; return v === null || v === undefined ? '' : String(v); };
  input.value = shown();
  input.addEventListener('change', () => {
    let value = input.value.trim();
    if (type === 'int' || type === 'decimal') {
      value = westernDigits(value);
      input.value = value;
      if (value !== '' && !(type === 'int' ? /^-?\d+$/ : /^-?\d*\.?\d+$/).test(value)) {
        bad.set(node.nodeId, type === 'int' ? t.notInteger : t.notNumber);
        changed(node);
        return;
      }
    }
    bad.delete(node.nodeId);
    node.setValue(value === '' ? null : value);
    changed(node);
  });
  const chrome = withChrome(node, input, id);
  const base = chrome.refresh;
  chrome.refresh = () => {
    base();
    input.readOnly = node.currentState.readonly;
    if (document.activeElement !== input && !bad.has(node.nodeId)) input.value = shown();
  };
  return chrome;
}

function drawSelect(node) {
  const many = node.selectType === 'select';
  const list = el('div', { role: many ? 'group' : 'radiogroup' });
  let shownValues = null;
  const draw = () => {
    const options = node.currentState.valueOptions;
    const key = options.map((o) => o.value).join('\u0000');
    const chosen = new Set((node.currentState.value || []).map(String));
    if (key !== shownValues) {
      shownValues = key;
      list.replaceChildren();
      options.forEach((option, i) => {
        const id = `q-${node.nodeId}-${i}`;
        const item = el('div', { class: 'form-check' });
        const input = el('input', { class: 'form-check-input', type: many ? 'checkbox' : 'radio', id,
          name: `q-${node.nodeId}`, value: option.value });
        input.addEventListener('change', () => {
          if (many) node.selectValues([...list.querySelectorAll('input:checked')].map((c) => c.value));
          else node.selectValue(input.value);
          changed(node);
        });
        const optionLabel = el('label', { class: 'form-check-label', for: id });
        show(optionLabel, textOf(option.label) || String(option.value));
        item.append(input, optionLabel);
        list.append(item);
      });
    }
    for (const input of list.querySelectorAll('input')) input.checked = chosen.has(input.value);
  };
  const chrome = withChrome(node, list, null);
  const base = chrome.refresh;
  chrome.refresh = () => { base(); draw(); };
  return chrome;
}

function drawTrigger(node) {
  const id = `q-${node.nodeId}`;
  const input = el('input', { class: 'form-check-input', type: 'checkbox', id });
  input.addEventListener('change', () => { node.setValue(input.checked); changed(node); });
  const wrap = el('div', { class: 'form-check' });
  wrap.append(input, el('label', { class: 'form-check-label', for: id }, t.ok));
  const chrome = withChrome(node, wrap, null);
  const base = chrome.refresh;
  chrome.refresh = () => { base(); input.checked = node.currentState.value === true; };
  return chrome;
}

function drawNote(node) {
  const box = el('div', { class: 'mb-3 odk-note' });
  const label = el('p', { class: 'mb-1' });
  const hint = el('div', { class: 'form-text' });
  const value = el('p', { class: 'fw-semibold mb-0' });
  box.append(label, hint, value);
  return { box, refresh: () => {
    const state = node.currentState;
    box.hidden = !state.relevant;
    show(label, textOf(state.label));
    show(hint, textOf(state.hint));
    value.textContent = state.value === null || state.value === undefined ? '' : String(state.value);
  } };
}

function drawUnsupported(node) {
  const box = el('div', { class: 'mb-3 alert alert-secondary' });
  return { box, refresh: () => {
    box.hidden = !node.currentState.relevant;
    box.textContent = `${textOf(node.currentState.label)} — ${t.unsupported}`;
  } };
}

function drawContainer(node) {
  const group = node.nodeType === 'group' || node.nodeType === 'repeat-instance';
  const box = el(group ? 'fieldset' : 'div', { class: group ? 'border rounded p-3 mb-3' : 'mb-3' });
  const legend = el('legend', { class: 'fs-6 fw-bold' });
  if (group) box.append(legend);
  const inner = el('div');
  box.append(inner);
  const repeat = node.nodeType === 'repeat-range:uncontrolled';
  let addButton = null;
  if (repeat) {
    addButton = el('button', { type: 'button', class: 'btn btn-outline-secondary btn-sm' }, t.add);
    addButton.addEventListener('click', () => { node.addInstances(); refreshAll(); });
    box.append(addButton);
  }
  let ids = null;
  return { box, refresh: () => {
    const state = node.currentState;
    box.hidden = !state.relevant;
    show(legend, textOf(state.label));
    legend.hidden = !legend.textContent;
    const children = state.children || [];
    const key = children.map((c) => c.nodeId).join(' ');
    if (key !== ids) {
      ids = key;
      inner.replaceChildren();
      children.forEach((child, index) => {
        const part = draw(child);
        if (!part) return;
        if (repeat && child.nodeType === 'repeat-instance') {
          const remove = el('button', { type: 'button', class: 'btn btn-link btn-sm text-danger p-0' }, t.remove);
          remove.addEventListener('click', () => { node.removeInstances(index, 1); refreshAll(); });
          part.box.append(remove);
        }
        inner.append(part.box);
      });
    }
    for (const child of children) drawn.get(child.nodeId)?.refresh();
    // a part of the instance with nothing to fill (meta: instanceID…) takes no room
    if (!repeat && node.nodeType !== 'repeat-instance' && ![...inner.children].some((c) => !c.hidden)) box.hidden = true;
  } };
}

function draw(node) {
  let part;
  switch (node.nodeType) {
    case 'model-value': case 'attribute': return null;
    case 'input': part = node.valueType.startsWith('geo') || node.valueType === 'binary' ? drawUnsupported(node) : drawInput(node); break;
    case 'select': part = drawSelect(node); break;
    case 'note': part = drawNote(node); break;
    case 'trigger': part = drawTrigger(node); break;
    case 'root': case 'group': case 'repeat-instance': case 'repeat-range:controlled': case 'repeat-range:uncontrolled': case 'subtree':
      part = drawContainer(node); break;
    default: part = drawUnsupported(node);
  }
  drawn.set(node.nodeId, part);
  return part;
}

let form = null;
let formBox = null;
function refreshAll() {
  drawn.get(form.root.nodeId)?.refresh();
}

function chooseLanguage(rootNode) {
  const page = document.documentElement.lang || 'en';
  const names = page.startsWith('ar') ? ['arabic', '(ar)', 'ar', 'العربية', 'عربي'] : ['english', '(en)', 'en'];
  const match = rootNode.languages.find((l) => l.language && names.some((n) => {
    const lang = l.language.toLowerCase();
    return n.length > 3 ? lang.includes(n) : lang === n || lang.endsWith(n);
  }));
  if (match) rootNode.setLanguage(match);
}

async function start() {
  const { createInstance } = await import(root.dataset.engine);
  const xml = JSON.parse(document.getElementById('odk-xform').textContent);
  form = await createInstance(xml, { form: { fetchFormAttachment } });
  chooseLanguage(form.root);
  touched.clear();
  bad.clear();
  drawn.clear();
  const part = draw(form.root);
  formBox.replaceChildren(part.box);
  refreshAll();
}

async function submit(event) {
  event.preventDefault();
  const payload = await form.root.prepareInstancePayload();
  if (payload.status !== 'ready' || bad.size) {
    const walk = (node) => { touched.add(node.nodeId); (node.currentState.children || []).forEach(walk); };
    walk(form.root);
    refreshAll();
    say(t.incomplete, 'danger');
    root.querySelector('.invalid-feedback:not(:empty)')?.closest('.odk-question')?.scrollIntoView({ block: 'center' });
    return;
  }
  const file = payload.data[0].get('xml_submission_file');
  const text = await file.text();
  const instanceID = new DOMParser().parseFromString(text, 'text/xml')
    .querySelector('meta > instanceID, instanceID')?.textContent;
  // a needs assessment or test is dated by the page's date field (the day it was filled on paper, say)
  const url = new URL(root.dataset.submit, location.href);
  const dateBox = document.getElementById('odk-date');
  if (dateBox && dateBox.value) url.searchParams.set('date', dateBox.value);
  await enqueue({ instanceID, xml: text, url: url.pathname + url.search, user: root.dataset.user, at: Date.now() });
  say(navigator.onLine ? t.sending : t.queued, navigator.onLine ? 'info' : 'warning');
  await start(); // a blank form for the next respondent
  await flush();
}

async function main() {
  formBox = el('div');
  const form_ = el('form', { novalidate: '' });
  const button = el('button', { type: 'submit', class: 'btn btn-primary' }, t.submit);
  form_.append(formBox, button);
  form_.addEventListener('submit', (e) => { submit(e).catch((error) => say(`${t.failed} ${error.message}`, 'danger')); });
  root.replaceChildren(form_);
  try {
    await start();
  } catch (error) {
    say(`${t.failed} ${error.message}`, 'danger');
    return;
  }
  root.dataset.ready = '1';
  window.addEventListener('online', flush);
  await showQueue();
  await flush();
  if ('serviceWorker' in navigator && root.dataset.worker) {
    try {
      await navigator.serviceWorker.register(root.dataset.worker, { scope: root.dataset.scope });
      const registration = await navigator.serviceWorker.ready;
      const files = [location.href, ...[...document.querySelectorAll('script[src], link[rel=stylesheet][href]')]
        .map((n) => n.src || n.href), root.dataset.engine];
      registration.active?.postMessage({ keep: [...new Set(files.map((f) => new URL(f, location.href).href))] });
    } catch { /* the form still works online */ }
  }
}

main();
