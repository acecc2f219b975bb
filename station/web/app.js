// The review station's page: sign in, then decide the queue with the keyboard. Talks only to the
// API of the phieu process that served it (README.md, "The review station").
'use strict';

const $ = (id) => document.getElementById(id);
const state = {
  csrf: '', name: '', role: '',
  current: null,    // the item shown (API "item")
  next: null,       // a promise of the next item, claimed ahead so its crop is already loaded
  back: [],         // ids shown before, for ←
  ahead: [],        // ids stepped back from, to come back to
  skip: new Set(),  // ids skipped this session
  pending: new Set(),  // ids whose decision is on its way to the server
  pick: '', typed: '', zoom: 1,
  mode: 'marks',       // 'marks' or 'text' (the write-ins)
  box: null,           // the write-in shown (API /api/text/next "item")
  boxSkip: new Set(),  // write-ins skipped this session
};

async function api(method, path, body) {
  const options = { method, headers: {}, credentials: 'same-origin' };
  if (method === 'POST') {
    options.headers['Content-Type'] = 'application/json';
    options.headers['X-CSRF-Token'] = state.csrf;
    options.body = JSON.stringify(body || {});
  }
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({ error: 'bad answer from the server' }));
  if (!response.ok) {
    const error = new Error(data.error || response.statusText);
    error.status = response.status;
    throw error;
  }
  return data;
}

function say(text, isError) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : '';
}

function filters() {
  return { reason: $('f-reason').value, unit: $('f-unit').value.trim(),
           batch: $('f-batch').value.trim(), question: $('f-question').value.trim() };
}

function cropUrl(item, scan) {
  return '/api/crop?id=' + encodeURIComponent(item.id) + '&scan=' + scan;
}

// Claims the next item after the current one and loads its crops, so Enter shows it at once.
function prefetch() {
  const skip = [...state.skip, ...state.pending];
  if (state.current) skip.push(state.current.id);
  state.next = api('POST', '/api/next', { ...filters(), skip }).then((data) => {
    const item = data.item;
    if (item) item.scans.forEach((s, i) => { const img = new Image(); img.src = cropUrl(item, i); });
    return item;
  }).catch((e) => { say(e.message, true); return null; });
}

function show(item) {
  if (state.mode !== 'marks') return;
  state.current = item;
  state.pick = item && item.decided ? item.decided : '';
  state.typed = '';
  $('page-box').hidden = true;
  $('done').hidden = !!item;
  $('item').hidden = !item;
  refreshCount();
  if (!item) return;
  $('item-form').textContent = item.form;
  $('item-code').textContent = item.item || 'cả phiếu';
  $('item-verdict').textContent = item.verdict + (item.reasons ? ' (' + item.reasons + ')' : '');
  $('item-question').textContent = item.question || (item.notes || []).join(' · ');
  $('item-machine').textContent = item.machine || '–';
  $('item-why').textContent = item.waiting ? ' · ' + item.waiting.why : '';
  $('item-decided').textContent = item.decided_by ? ' · đã quyết: ' + item.decided + ' (' + item.decided_by + ')' : '';
  $('item-options').replaceChildren(...item.options.map((o) => {
    const span = document.createElement('span');
    span.textContent = o.code + ' = ' + o.label;
    return span;
  }));
  const scans = item.scans.map((s, i) => {
    const box = document.createElement('div');
    box.className = 'scan';
    const img = document.createElement('img');
    img.src = cropUrl(item, i);
    img.alt = item.id;
    img.id = 'crop-' + i;
    box.append(img);
    for (const b of s.bubbles) {
      const mark = document.createElement('div');
      mark.className = 'bubble' + (b.uncertain ? ' uncertain' : '');
      mark.dataset.option = b.option;
      const key = document.createElement('span');
      key.className = 'key';
      key.textContent = b.option;
      mark.append(key);
      box.append(mark);
    }
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = s.file + ' · lô ' + s.batch + ' · nhận ' + s.received_on;
    box.append(meta);
    return box;
  });
  $('scans').replaceChildren(...scans);
  const rows = [];
  for (const s of item.scans) {
    for (const b of s.bubbles) {
      const tr = document.createElement('tr');
      for (const text of [b.option, b.label, b.evidence]) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.append(td);
      }
      rows.push(tr);
    }
  }
  $('evidence').replaceChildren(...rows);
  layout();
  showPick();
}

// Sizes each crop to the zoom and places the bubble outlines on it.
function layout() {
  const item = state.current;
  if (!item) return;
  // Less a margin for a vertical scroll bar that may come when the whole page is shown.
  const room = ($('scans').clientWidth || window.innerWidth - 40) - 20;
  item.scans.forEach((s, i) => {
    const scale = Math.min(1, room / s.width) * state.zoom;
    const img = $('crop-' + i);
    img.style.width = Math.round(s.width * scale) + 'px';
    img.style.height = Math.round(s.height * scale) + 'px';
    const marks = img.parentElement.querySelectorAll('.bubble');
    s.bubbles.forEach((b, j) => {
      const m = marks[j];
      m.style.left = (b.x * scale - 4) + 'px';
      m.style.top = (b.y * scale - 4) + 'px';
      m.style.width = (b.w * scale + 8) + 'px';
      m.style.height = (b.h * scale + 8) + 'px';
    });
  });
}

function showPick() {
  $('pick').textContent = state.pick || '–';
  const picked = state.pick.split(';');
  document.querySelectorAll('.bubble').forEach((m) => {
    m.classList.toggle('picked', picked.includes(m.dataset.option));
  });
}

async function refreshCount() {
  try {
    const q = new URLSearchParams(filters());
    const data = await api('GET', '/api/queue?' + q.toString());
    $('left').textContent = 'còn ' + data.total + ' mục';
    if (state.role === 'supervisor') showProgress(await api('GET', '/api/progress'));
  } catch (e) { /* the count is a courtesy */ }
}

// A supervisor's table: what waits, and what each person decided (in all and in the last hour).
function showProgress(p) {
  $('progress').hidden = false;
  $('progress-total').textContent = 'Chờ duyệt: ' + p.waiting + ' · đang có người xem: ' + p.claimed +
      ' · đã quyết định: ' + p.decisions;
  $('progress-rows').replaceChildren(...p.reviewers.map((r) => {
    const tr = document.createElement('tr');
    for (const text of [r.name, r.decisions, r.last_hour, r.last_at]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }));
}

function pickDigit(d) {
  const item = state.current;
  const codes = item.options.map((o) => o.code);
  let code = state.typed + d;
  if (!codes.includes(code)) code = d;
  if (!codes.includes(code)) { say('Không có ô ' + d + ' ở câu này', true); return; }
  state.typed = codes.some((c) => c !== code && c.startsWith(code)) ? code : '';
  if (item.kind === 'multi') {
    const set = new Set(state.pick.split(';').filter((c) => codes.includes(c)));
    if (set.has(code)) set.delete(code); else set.add(code);
    state.pick = codes.filter((c) => set.has(c)).join(';');
  } else {
    state.pick = code;
  }
  showPick();
}

// After a decision or a skip: the item stepped back from, else the one claimed ahead.
async function advance() {
  let item = null;
  if (state.ahead.length) {
    item = (await api('POST', '/api/claim', { id: state.ahead.pop() })).item;
  } else {
    item = state.next ? await state.next : null;
    if (!item) {
      const skip = [...state.skip, ...state.pending];
      item = (await api('POST', '/api/next', { ...filters(), skip })).item;
    }
  }
  show(item);
  prefetch();
}

// Enter: the decision goes to the server while the next item (already fetched) is shown; the
// status line then tells the form's new verdict, or why the decision was refused (← goes back).
async function record() {
  const item = state.current;
  if (!item) return;
  if (!state.pick) { say('Chọn một ô (hoặc B, I) trước khi ghi', true); return; }
  state.pending.add(item.id);
  state.back.push(item.id);
  api('POST', '/api/decide', { id: item.id, value: state.pick }).then((data) => {
    const f = data.form;
    say('Đã ghi ' + item.id + ' = ' + data.decision.value + ' · phiếu ' + f.code + ': ' +
        f.verdict + (f.reasons ? ' (' + f.reasons + ')' : ''));
  }).catch((e) => {
    say('Chưa ghi ' + item.id + ': ' + e.message + ' (← để quay lại)', true);
  }).finally(() => state.pending.delete(item.id));
  try { await advance(); } catch (e) { say(e.message, true); }
}

async function skip() {
  const item = state.current;
  if (!item) return;
  state.skip.add(item.id);
  state.back.push(item.id);
  api('POST', '/api/release', { id: item.id }).catch(() => {});
  say('Bỏ qua ' + item.id);
  await advance();
}

async function goBack() {
  if (!state.back.length) { say('Không có mục trước', true); return; }
  const id = state.back.pop();
  try {
    const item = (await api('POST', '/api/claim', { id })).item;
    if (state.current) state.ahead.push(state.current.id);
    state.skip.delete(id);
    show(item);
    say('Quay lại ' + id + (item.decided ? ': một quyết định mới sẽ thay quyết định cũ' : ''));
  } catch (e) { say(e.message, true); }
}

async function wholePage() {
  const item = state.current;
  if (!item) return;
  const box = $('page-box');
  box.hidden = !box.hidden;
  if (!box.hidden) $('page').src = '/api/page?id=' + encodeURIComponent(item.id) + '&scan=0';
}

document.addEventListener('keydown', (event) => {
  if ($('station').hidden) return;
  if (state.mode === 'text') { textKey(event); return; }
  const target = event.target;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
  const key = event.key;
  if (key === 'ArrowLeft') { event.preventDefault(); goBack(); return; }
  if (key === 't' || key === 'T') { event.preventDefault(); enterText(); return; }
  if (!state.current) return;
  const form = state.current.kind === 'form';
  let handled = true;
  if (/^[0-9]$/.test(key) && !form) pickDigit(key);
  else if ((key === 'b' || key === 'B') && !form) { state.pick = 'blank'; showPick(); }
  else if ((key === 'i' || key === 'I') && !form) { state.pick = 'invalid'; showPick(); }
  else if ((key === 'a' || key === 'A') && form) { state.pick = 'accept'; showPick(); }
  else if ((key === 'r' || key === 'R') && form) { state.pick = 'reject'; showPick(); }
  else if (key === 'Enter') record();
  else if (key === 's' || key === 'S') skip();
  else if (key === 'p' || key === 'P') wholePage();
  else if (key === 't' || key === 'T') enterText();
  else if (key === '+' || key === '=') { state.zoom *= 1.25; layout(); }
  else if (key === '-') { state.zoom /= 1.25; layout(); }
  else handled = false;
  if (handled) event.preventDefault();
});

window.addEventListener('resize', layout);

// ---- Write-ins: the free-text boxes, typed by a person (README.md, "The review station").

const STATE_WORDS = { text: 'chữ', illegible: 'không đọc được', empty: 'ô trống' };

function showMode() {
  const text = state.mode === 'text';
  $('mode-text').classList.toggle('active', text);
  $('mode-marks').classList.toggle('active', !text);
  $('filters').hidden = text;
  $('keys').hidden = text;
  $('text-keys').hidden = !text;
  if (text) { $('item').hidden = true; $('done').hidden = true; $('page-box').hidden = true; }
  else { $('text-item').hidden = true; $('text-done').hidden = true; }
}

async function refreshTextCount() {
  try {
    const data = await api('GET', '/api/text/queue');
    $('left').textContent = 'còn ' + data.total + ' ô viết tay';
  } catch (e) { /* the count is a courtesy */ }
}

function showBox(item) {
  state.box = item;
  $('text-item').hidden = !item;
  $('text-done').hidden = !!item;
  refreshTextCount();
  if (!item) return;
  $('text-form').textContent = item.form;
  $('text-box').textContent = item.box + ' · trang ' + item.page;
  $('text-label').textContent = item.label;
  const img = $('text-crop');
  img.src = '/api/text/crop?id=' + encodeURIComponent(item.id);
  img.style.width = Math.min(item.width, ($('main') || document.body).clientWidth - 40) + 'px';
  const r = item.recorded;
  $('text-recorded').textContent = r ? 'đã ghi: ' + (r.state === 'text' ? '“' + r.text + '”' : STATE_WORDS[r.state]) +
      ' (' + r.by + ', ' + r.at + ')' : '';
  $('text-input').value = r && r.state === 'text' ? r.text : '';
  $('text-input').focus();
}

async function nextBox() {
  const data = await api('POST', '/api/text/next', { skip: [...state.boxSkip] });
  showBox(data.item);
}

async function enterText() {
  if (state.mode === 'text') { $('text-input').focus(); return; }
  if (state.current) api('POST', '/api/release', { id: state.current.id }).catch(() => {});
  state.current = null;
  state.mode = 'text';
  showMode();
  say('');
  try { await nextBox(); } catch (e) { say(e.message, true); }
}

async function enterMarks() {
  if (state.box) api('POST', '/api/text/release', { id: state.box.id }).catch(() => {});
  state.box = null;
  state.mode = 'marks';
  showMode();
  say('');
  try { await enter({ csrf: state.csrf, name: state.name, role: '' }); } catch (e) { say(e.message, true); }
  $('who').textContent = state.name;
}

// Enter records what was typed (or I/E: illegible/empty), then shows the next box.
async function recordBox(kind) {
  const item = state.box;
  if (!item) return;
  const text = kind === 'text' ? $('text-input').value.trim() : '';
  if (kind === 'text' && !text) {
    say('Gõ chữ viết trong ô, hoặc Esc rồi I (không đọc được) / E (ô trống)', true);
    return;
  }
  try {
    const data = await api('POST', '/api/text/record', { id: item.id, state: kind, text });
    say('Đã ghi ' + item.id + ': ' + (kind === 'text' ? '“' + data.recorded.text + '”' : STATE_WORDS[kind]));
    await nextBox();
  } catch (e) { say('Chưa ghi ' + item.id + ': ' + e.message, true); }
}

async function skipBox() {
  const item = state.box;
  if (!item) return;
  state.boxSkip.add(item.id);
  api('POST', '/api/text/release', { id: item.id }).catch(() => {});
  say('Bỏ qua ' + item.id);
  try { await nextBox(); } catch (e) { say(e.message, true); }
}

function textKey(event) {
  const key = event.key;
  if (event.target === $('text-input')) {
    if (key === 'Enter') { event.preventDefault(); recordBox('text'); }
    else if (key === 'Escape') { event.preventDefault(); $('text-input').blur(); }
    return;
  }
  const target = event.target;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
  let handled = true;
  if (key === 'i' || key === 'I') recordBox('illegible');
  else if (key === 'e' || key === 'E') recordBox('empty');
  else if (key === 's' || key === 'S') skipBox();
  else if (key === 't' || key === 'T' || key === 'Enter') $('text-input').focus();
  else if (key === 'm' || key === 'M') enterMarks();
  else handled = false;
  if (handled) event.preventDefault();
}

$('text-form-entry').addEventListener('submit', (event) => { event.preventDefault(); });
$('text-illegible').addEventListener('click', () => recordBox('illegible'));
$('text-empty').addEventListener('click', () => recordBox('empty'));
$('text-skip').addEventListener('click', () => skipBox());
$('mode-text').addEventListener('click', () => enterText());
$('mode-marks').addEventListener('click', () => { if (state.mode !== 'marks') enterMarks(); });

async function enter(session) {
  state.mode = 'marks';
  showMode();
  state.csrf = session.csrf;
  state.name = session.name;
  if (session.role) state.role = session.role;
  $('who').textContent = session.name + ' (' + session.role + ')';
  $('signin').hidden = true;
  $('station').hidden = false;
  state.back = []; state.ahead = []; state.skip.clear();
  const data = await api('POST', '/api/next', { ...filters(), skip: [] });
  show(data.item);
  prefetch();
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const session = await api('POST', '/api/signin', {
      name: $('signin-name').value, password: $('signin-password').value });
    $('signin-password').value = '';
    $('signin-error').textContent = '';
    await enter(session);
  } catch (e) { $('signin-error').textContent = e.message; }
});

$('signout').addEventListener('click', async () => {
  try { await api('POST', '/api/signout'); } catch (e) { /* signed out anyway */ }
  location.reload();
});

$('filters').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (state.current) api('POST', '/api/release', { id: state.current.id }).catch(() => {});
  try { await enter({ csrf: state.csrf, name: state.name, role: '' }); }
  catch (e) { say(e.message, true); }
  $('who').textContent = state.name;
  document.activeElement.blur();
});

(async () => {
  try { await enter(await api('GET', '/api/me')); }
  catch (e) { $('signin').hidden = false; $('station').hidden = true; $('signin-name').focus(); }
})();
