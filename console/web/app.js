// Netra patrol console: the pages' behaviour. Every value from the server is
// put into the page as text (textContent, never innerHTML): alert text is
// untrusted and shown as written.
'use strict';

const SEVERITY = {critical: 'kritis', high: 'tinggi', medium: 'sedang', low: 'rendah'};
const ACTION = {review: 'tinjau', confirm: 'konfirmasi', reject: 'tolak', forward: 'teruskan',
  assign: 'tugaskan', note: 'catatan', login: 'masuk', login_failed: 'gagal masuk',
  user_add: 'tambah pengguna', user_passwd: 'ganti sandi', user_disable: 'nonaktifkan pengguna',
  export_b1: 'unduh B.1'};
let me = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function api(path, body) {
  const opts = {credentials: 'same-origin', headers: {}};
  if (body !== undefined) {
    opts.method = 'POST';
    opts.headers['Content-Type'] = 'application/json';
    opts.headers['X-CSRF-Token'] = me ? me.csrf : '';
    opts.body = JSON.stringify(body);
  }
  const r = await fetch(path, opts);
  if (r.status === 401) {
    location.href = '/masuk';
    throw new Error('unauthenticated');
  }
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(data.message || ('HTTP ' + r.status));
  return data;
}

function fmtTime(s) {
  if (!s) return '';
  const d = new Date(s);
  if (isNaN(d)) return s;
  return d.toLocaleString('id-ID', {timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short'}) + ' WIB';
}

function regionLabel(t) {
  return t.region_name ? t.region_name + ' (' + t.region_code + ')' : (t.region_code || '');
}

async function header() {
  me = await api('/api/me');
  document.getElementById('whoami').textContent = me.display_name + ' · ' + me.role;
  if (me.role !== 'operator') document.getElementById('nav-audit').hidden = false;
  document.getElementById('logout').addEventListener('click', async () => {
    await api('/api/logout', {}).catch(() => {});
    location.href = '/masuk';
  });
}

// ---- login ----
function loginPage() {
  document.getElementById('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const err = document.getElementById('login-error');
    err.textContent = '';
    const r = await fetch('/api/login', {
      method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-Netra-Login': '1'},
      body: JSON.stringify({username: document.getElementById('username').value,
        password: document.getElementById('password').value})});
    if (r.ok) { location.href = '/'; return; }
    const data = await r.json().catch(() => ({}));
    err.textContent = data.message || 'Gagal masuk';
  });
}

// ---- queue ----
function fillSelect(id, items) {
  const s = document.getElementById(id);
  const keep = s.value;
  while (s.options.length > 1) s.remove(1);
  for (const [value, label] of items) s.add(new Option(label, value));
  s.value = keep;
}

async function loadFacets() {
  const f = await api('/api/facets');
  fillSelect('f-rule', f.rules.map(r => [r.id, r.name ? r.name + ' (' + r.id + ')' : r.id]));
  fillSelect('f-region', f.regions.map(r => [r.code, r.name ? r.name + ' (' + r.code + ')' : r.code]));
  fillSelect('f-agency', f.agencies.map(a => [a, a]));
  fillSelect('f-race', f.races.map(a => [a, a]));
  fillSelect('f-phase', f.phases.map(a => [a, a]));
}

let queueSeq = 0;
let queueVersion = null;  // the store version the shown queue was read at

// The cases ticked in the queue, for the batch Formulir B.1 (CSV).
const picked = new Set();
function updateB1Batch() {
  const a = document.getElementById('b1-batch');
  a.hidden = picked.size === 0 || me.role === 'auditor';
  a.href = '/api/b1.csv?ids=' + [...picked].join(',');
  a.textContent = 'Unduh Formulir B.1 (CSV), ' + picked.size + ' kasus';
}

async function loadQueue() {
  const params = new URLSearchParams(new FormData(document.getElementById('filters')));
  for (const [k, v] of [...params]) if (!v) params.delete(k);
  const seq = ++queueSeq;
  const data = await api('/api/cases?' + params.toString());
  if (seq !== queueSeq) return;  // a newer request is on its way: never show an older answer
  queueVersion = data.version;
  const body = document.getElementById('queue-body');
  body.replaceChildren();
  const now = Date.now() / 1000;
  for (const c of data.cases) {
    const left = c.deadline_unix - now;
    const pick = el('input', {type: 'checkbox', class: 'pick', 'aria-label': 'pilih kasus ' + c.case_id});
    pick.checked = picked.has(c.case_id);
    pick.addEventListener('change', () => { pick.checked ? picked.add(c.case_id) : picked.delete(c.case_id); updateB1Batch(); });
    const tr = el('tr', {class: 'sev-' + c.severity + ' status-' + c.status, dataset: {caseId: c.case_id}},
      el('td', {class: 'pick-cell'}, pick),
      el('td', {class: left < 86400 ? 'urgent' : ''}, fmtTime(c.deadline)),
      el('td', {}, el('span', {class: 'sev sev-' + c.severity}, SEVERITY[c.severity] || c.severity)),
      el('td', {}, el('a', {href: '/kasus/' + c.case_id, class: 'case-link'}, c.terlapor.name || c.terlapor.account_id),
        el('div', {class: 'muted'}, c.terlapor.agency)),
      el('td', {}, c.rule_name || c.rule_id, el('div', {class: 'muted'}, c.skb_item)),
      el('td', {}, c.target_entity),
      el('td', {}, c.local_day),
      el('td', {class: 'num'}, c.alert_count),
      el('td', {}, regionLabel(c.terlapor)),
      el('td', {}, el('span', {class: 'status status-' + c.status}, c.status)),
      el('td', {}, c.assignee));
    tr.addEventListener('click', (ev) => {
      if (ev.target.tagName !== 'A' && !ev.target.closest('.pick-cell')) location.href = '/kasus/' + c.case_id;
    });
    body.append(tr);
  }
  document.getElementById('summary').textContent = data.cases.length + ' kasus · diperbarui ' +
    new Date().toLocaleTimeString('id-ID');
}

async function queuePage() {
  await header();
  await loadFacets();
  await loadQueue();
  const form = document.getElementById('filters');
  form.addEventListener('change', loadQueue);
  let t = null;
  document.getElementById('f-q').addEventListener('input', () => { clearTimeout(t); t = setTimeout(loadQueue, 250); });
  form.addEventListener('submit', (ev) => { ev.preventDefault(); loadQueue(); });
  // Live: the server sends an event whenever the cases change.
  const live = document.getElementById('live');
  const es = new EventSource('/api/stream');
  es.addEventListener('cases', (ev) => {
    live.classList.remove('off');
    if (String(queueVersion) === ev.data) return;  // already showing this version
    loadFacets().then(loadQueue).catch(() => {});
  });
  es.onerror = () => live.classList.add('off');
}

// ---- case ----
const utf8 = new TextEncoder();
const utf8dec = new TextDecoder();

// The text of one field with the evidence spans (UTF-8 byte offsets) marked.
// With the field's original value it is shown whole; without it only the
// bytes the spans carry are known, joined by an ellipsis.
function highlighted(value, spans) {
  const out = el('div', {class: 'evidence-text'});
  let bytes, known;
  if (typeof value === 'string') {
    bytes = utf8.encode(value);
    known = new Uint8Array(bytes.length).fill(1);
  } else {
    const end = Math.max(0, ...spans.map(s => s.end));
    bytes = new Uint8Array(end);
    known = new Uint8Array(end);
    for (const s of spans) {
      const b = utf8.encode(s.text || '');
      if (b.length !== s.end - s.start) continue;
      bytes.set(b, s.start);
      known.fill(1, s.start, s.end);
    }
  }
  const covered = new Uint8Array(bytes.length);
  for (const s of spans) if (s.end <= bytes.length) covered.fill(1, s.start, s.end);
  let i = 0;
  while (i < bytes.length) {
    if (!known[i]) {
      while (i < bytes.length && !known[i]) i++;
      out.append(el('span', {class: 'gap'}, ' … '));
      continue;
    }
    let j = i;
    while (j < bytes.length && known[j] && covered[j] === covered[i]) j++;
    const text = utf8dec.decode(bytes.subarray(i, j));
    if (covered[i]) {
      const ids = spans.filter(s => s.start < j && s.end > i).map(s => s.pattern_id).join(', ');
      out.append(el('mark', {title: ids, class: 'evidence', dataset: {start: i, end: j}}, text));
    } else {
      out.append(text);
    }
    i = j;
  }
  return out;
}

function dl(target, pairs) {
  target.replaceChildren();
  for (const [k, v] of pairs) {
    if (v === undefined || v === null || v === '') continue;
    target.append(el('dt', {}, k), el('dd', {}, v));
  }
}

function fieldValue(alert, field) {
  // The original value, when the alert record carries it (content.<field>).
  const c = alert.content;
  return c && typeof c[field] === 'string' ? c[field] : undefined;
}

function renderAlert(a, n) {
  const box = el('article', {class: 'alert-item'});
  const ev = a.event || {};
  box.append(el('h3', {}, 'Kejadian ' + n + ': ' + (ev.platform || '') + ' ' + (ev.action || '') + ' · ' + fmtTime(ev.ts)));
  const meta = el('dl', {});
  dl(meta, [['ID alert', a.alert_id], ['ID kejadian', ev.event_id], ['URL', ev.url],
    ['Tingkat', SEVERITY[a.severity] || a.severity], ['Diketahui', fmtTime(a.detected_at)],
    ['Batas lapor', fmtTime(a.report_deadline)], ['Dasar hukum', (a.legal_basis || []).join('; ')],
    ['Sanksi', a.sanction], ['Jalur', a.recommended_route]]);
  box.append(meta);
  const byField = new Map();
  for (const s of a.evidence || []) {
    if (!byField.has(s.field)) byField.set(s.field, []);
    byField.get(s.field).push(s);
  }
  for (const [field, spans] of byField) {
    box.append(el('h4', {}, 'Bukti · ' + field));
    box.append(highlighted(fieldValue(a, field), spans));
    box.lastChild.dataset.field = field;
    box.lastChild.dataset.alertId = a.alert_id;
  }
  box.append(el('h4', {}, 'Uraian'), el('p', {class: 'uraian'}, a.uraian || ''));
  return box;
}

async function casePage() {
  await header();
  const id = location.pathname.split('/').pop();
  const reasons = document.getElementById('reject-reason');
  for (const r of me.reasons) reasons.add(new Option(r.label, r.id));
  if (me.role === 'supervisor') {
    const users = await api('/api/users');
    const s = document.getElementById('assignee');
    for (const u of users.users) s.add(new Option(u.display_name + ' (' + u.role + ')', u.username));
  }
  const err = document.getElementById('action-error');
  async function load() {
    const d = await api('/api/cases/' + id);
    render(d);
  }
  function render(d) {
    const c = d.case;
    document.title = 'Kasus ' + c.case_id + ' · Konsol Patroli Netra';
    document.getElementById('case-title').textContent = 'Kasus ' + c.case_id + ': ' + (c.terlapor.name || c.terlapor.account_id);
    dl(document.getElementById('terlapor'), [['Nama', c.terlapor.name], ['NIP', c.terlapor.nip],
      ['Akun', c.terlapor.account_id], ['Platform', c.terlapor.platform], ['Jabatan', c.terlapor.position],
      ['Unit kerja', c.terlapor.unit], ['Instansi', c.terlapor.agency], ['Wilayah', regionLabel(c.terlapor)]]);
    dl(document.getElementById('case-facts'), [['Status', c.status], ['Tingkat', SEVERITY[c.severity] || c.severity],
      ['Aturan', (c.rule_name || '') + ' (' + c.rule_id + ')'], ['Butir SKB', c.skb_item], ['Jalur', c.track],
      ['Sasaran', c.target_entity], ['Pemilihan', c.race], ['Tahapan', c.phase], ['Hari (lokal)', c.local_day],
      ['Jumlah kejadian', c.alert_count], ['Pertama', fmtTime(c.first_ts)], ['Terakhir', fmtTime(c.last_ts)],
      ['Batas lapor', fmtTime(c.deadline)], ['Petugas', c.assignee],
      ['Alasan penolakan', c.reject_reason], ['Catatan penolakan', c.reject_note]]);
    document.getElementById('alert-count').textContent = d.alerts.length;
    const alerts = document.getElementById('alerts');
    alerts.replaceChildren(...d.alerts.map((a, i) => renderAlert(a, i + 1)));
    document.getElementById('notes').replaceChildren(...d.notes.map(n =>
      el('li', {}, el('span', {class: 'muted'}, fmtTime(n.ts) + ' · ' + n.author + ': '), n.text)));
    // Every case of this ASN in time order, this one marked (the others link to their pages).
    const timeline = [...d.other_cases, c].sort((x, y) =>
      (x.first_ts || '').localeCompare(y.first_ts || '') || x.case_id - y.case_id);
    document.getElementById('others').replaceChildren(...timeline.map((o) => {
      const what = (o.rule_name || o.rule_id) + (o.target_entity ? ' · ' + o.target_entity : '');
      return el('li', {class: o.case_id === c.case_id ? 'current' : '', 'data-case-id': String(o.case_id)},
        el('span', {class: 'muted'}, fmtTime(o.first_ts) + ' · ' + o.alert_count + '× · '),
        o.case_id === c.case_id ? el('strong', {}, what + ' (kasus ini)') : el('a', {href: '/kasus/' + o.case_id}, what),
        ' ', el('span', {class: 'status status-' + o.status}, o.status));
    }));
    document.getElementById('case-audit').replaceChildren(...d.audit.map(e => el('tr', {},
      el('td', {}, fmtTime(e.ts)), el('td', {}, e.actor), el('td', {}, ACTION[e.action] || e.action),
      el('td', {}, e.before), el('td', {}, e.after), el('td', {}, [e.reason, e.note].filter(Boolean).join(' · ')))));
    const s = c.status, sup = me.role === 'supervisor', op = me.role === 'operator';
    const can = {review: (sup || op) && s === 'baru', confirm: sup && (s === 'baru' || s === 'ditinjau'),
      reject: (sup || op) && (s === 'baru' || s === 'ditinjau'), forward: sup && s === 'dikonfirmasi',
      assign: sup, note: sup || op};
    for (const [a, ok] of Object.entries(can)) document.getElementById('act-' + a).hidden = !ok;
    document.querySelector('.reject').hidden = !can.reject;
    document.querySelector('.assign').hidden = !can.assign;
    document.querySelector('.note-form').hidden = !can.note;
    document.getElementById('actions-card').hidden = !(sup || op);
    document.getElementById('b1-csv').href = '/api/cases/' + c.case_id + '/b1.csv';
    document.getElementById('b1-pdf').href = '/api/cases/' + c.case_id + '/b1.pdf';
    if (c.assignee) document.getElementById('assignee').value = c.assignee;
  }
  document.getElementById('actions-card').addEventListener('click', async (ev) => {
    const action = ev.target.dataset && ev.target.dataset.action;
    if (!action) return;
    err.textContent = '';
    const body = {action};
    if (action === 'reject') {
      body.reason = document.getElementById('reject-reason').value;
      body.note = document.getElementById('reject-note').value;
    } else if (action === 'assign') {
      body.assignee = document.getElementById('assignee').value;
    } else if (action === 'note') {
      body.note = document.getElementById('note-text').value;
    }
    try {
      render(await api('/api/cases/' + id + '/triage', body));
      if (action === 'note') document.getElementById('note-text').value = '';
    } catch (e) {
      err.textContent = e.message;
    }
  });
  await load().catch(e => { document.getElementById('case-error').textContent = e.message; });
}

// ---- audit ----
async function auditPage() {
  await header();
  const d = await api('/api/audit');
  document.getElementById('audit-body').replaceChildren(...d.audit.map(e => el('tr', {},
    el('td', {class: 'num'}, e.seq), el('td', {}, fmtTime(e.ts)), el('td', {}, e.actor),
    el('td', {}, ACTION[e.action] || e.action),
    el('td', {}, e.case_id ? el('a', {href: '/kasus/' + e.case_id}, e.case_id) : ''),
    el('td', {}, e.before), el('td', {}, e.after),
    el('td', {}, [e.reason, e.note, e.detail].filter(Boolean).join(' · ')))));
}

const pages = {masuk: loginPage, antrean: queuePage, kasus: casePage, audit: auditPage};
document.addEventListener('DOMContentLoaded', () => {
  const f = pages[document.body.dataset.page];
  if (f) Promise.resolve(f()).catch(e => console.error(e));
});
