// Browser test of the patrol console (run by tests/console/run, which starts
// `netra console` and sets the environment). Headless Debian chromium.
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import http from 'node:http';
import {tmpdir} from 'node:os';
import {chromium} from 'playwright-core';

const URL = process.env.NETRA_URL;  // "http://127.0.0.1:PORT/"
const SHOTS = process.env.NETRA_SHOTS;
const base = URL.replace(/\/$/, '');
let failures = 0;
const steps = [];

async function step(name, fn) {
  try {
    await fn();
    steps.push('ok   ' + name);
  } catch (e) {
    failures++;
    steps.push('FAIL ' + name + ': ' + (e && e.message ? e.message.split('\n')[0] : e));
    console.error(e);
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

async function newPage(viewport = {width: 1280, height: 900}) {
  const context = await browser.newContext({viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta'});
  const page = await context.newPage();
  page.dialogs = [];
  page.on('dialog', async (d) => { page.dialogs.push(d.message()); await d.dismiss(); });
  // Everything must be served by the console itself.
  page.foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) page.foreign.push(r.url()); });
  return page;
}

async function login(page, user, password) {
  await page.goto(URL);
  await page.waitForURL(base + '/masuk');
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
}

const shot = (page, name) => page.screenshot({path: `${SHOTS}/${name}.png`, fullPage: true});
const rowFor = (page, text) => page.locator('#queue-body tr', {hasText: text});

const sup = await newPage();
let prabowoCase = 0;

await step('login page; a wrong password is refused', async () => {
  await login(sup, 'sari', 'salah-sekali');
  await sup.locator('#login-error').filter({hasText: 'salah'}).waitFor();
  await shot(sup, '01-login');
});

await step('supervisor logs in and sees the ingested cases', async () => {
  await sup.fill('#password', 'sandi-supervisor-1');
  await sup.click('button[type=submit]');
  await sup.waitForURL(base + '/');
  await rowFor(sup, 'Rizal Fahmi').waitFor();
  // Two posts by the same ASN, same rule, target and day: one case counting 2.
  const row = rowFor(sup, 'Prabowo Subianto');
  assert.equal(await row.count(), 1);
  assert.equal((await row.locator('td.num').textContent()).trim(), '2');
  prabowoCase = Number(await row.getAttribute('data-case-id'));
  assert.ok(prabowoCase > 0);
  assert.equal(await sup.locator('#queue-body tr').count(), 4);
  if (process.env.NETRA_REGIONS === '1') {
    // Region names from the KPU list, not codes; the region filter offers them too.
    assert.ok((await row.textContent()).includes('KOTA BANDUNG (3273)'));
    await sup.selectOption('#f-region', {label: 'KOTA SURABAYA (3578)'});
    await sup.waitForFunction(() => document.querySelectorAll('#queue-body tr').length === 1);
    assert.equal(await rowFor(sup, 'Rizal Fahmi').count(), 1);
    await sup.selectOption('#f-region', '');
    await sup.waitForFunction(() => document.querySelectorAll('#queue-body tr').length === 4);
  }
  await shot(sup, '02-queue');
});

await step('a new alert appears in the open queue without a reload (SSE)', async () => {
  await sup.locator('#live:not(.off)').waitFor();
  // Produced to the alert topic the console consumes (a real broker, tests/console/run).
  const t0 = Date.now();
  execFileSync('kcat', ['-P', '-b', process.env.NETRA_KAFKA, '-t', process.env.NETRA_TOPIC,
    '-l', process.env.NETRA_LIVE], {stdio: 'inherit'});
  await rowFor(sup, 'Sri Wahyuningsih').waitFor({timeout: 15000});
  console.log(`live: produced alert shown in the queue after ${Date.now() - t0} ms`);
  await shot(sup, '03-queue-live');
});

await step('filters narrow the queue', async () => {
  await sup.selectOption('#f-rule', 'engage_political_account');
  await sup.waitForFunction(() => document.querySelectorAll('#queue-body tr').length === 1);
  await sup.selectOption('#f-rule', '');
  await sup.fill('#f-q', 'rizal');
  await sup.waitForFunction(() => document.querySelectorAll('#queue-body tr').length === 1);
  await sup.fill('#f-q', '');
  await sup.waitForFunction(() => document.querySelectorAll('#queue-body tr').length === 5);
});

await step('the case page highlights every evidence span at its offsets', async () => {
  await rowFor(sup, 'Prabowo Subianto').locator('a.case-link').click();
  await sup.waitForURL(base + '/kasus/' + prabowoCase);
  await sup.locator('mark.evidence').first().waitFor();
  const detail = await sup.evaluate(async (id) => (await fetch('/api/cases/' + id)).json(), prabowoCase);
  assert.equal(detail.alerts.length, 2);
  const marks = await sup.$$eval('.evidence-text', (boxes) => boxes.map((b) => ({
    alert: b.dataset.alertId, field: b.dataset.field,
    marks: [...b.querySelectorAll('mark.evidence')].map((m) => ({start: +m.dataset.start, end: +m.dataset.end, text: m.textContent})),
  })));
  const enc = new TextEncoder();
  let spans = 0;
  for (const a of detail.alerts) {
    for (const ev of a.evidence) {
      const box = marks.find((m) => m.alert === a.alert_id && m.field === ev.field);
      assert.ok(box, 'no evidence box for ' + a.alert_id + ' ' + ev.field);
      // The mark covering the span starts at or before it and holds its bytes at the offset.
      const m = box.marks.find((k) => k.start <= ev.start && k.end >= ev.end);
      assert.ok(m, `span ${ev.start}-${ev.end} "${ev.text}" not highlighted`);
      const bytes = enc.encode(m.text);
      const slice = new TextDecoder().decode(bytes.subarray(ev.start - m.start, ev.end - m.start));
      assert.equal(slice, ev.text);
      spans++;
    }
  }
  assert.ok(spans >= 10, 'only ' + spans + ' spans checked');
  await shot(sup, '04-case');
});

await step('HTML in a post is shown as text, never run', async () => {
  const payload = '<img src=x onerror="window.__xss=1">';
  const uraian = await sup.locator('.uraian').first().textContent();
  assert.ok(uraian.includes(payload), 'payload not shown as text');
  assert.equal(await sup.evaluate(() => window.__xss), undefined);
  assert.equal(await sup.locator('img').count(), 0);
  assert.deepEqual(sup.dialogs, []);
});

await step('supervisor confirms and forwards the case; the audit log records it', async () => {
  await sup.click('#act-confirm');
  await sup.locator('#case-facts dd', {hasText: 'dikonfirmasi'}).waitFor();
  await sup.click('#act-forward');
  await sup.locator('#case-facts dd', {hasText: 'diteruskan'}).waitFor();
  const audit = await sup.locator('#case-audit tr').allTextContents();
  assert.ok(audit.some((r) => r.includes('konfirmasi') && r.includes('sari')), audit.join('|'));
  assert.ok(audit.some((r) => r.includes('teruskan') && r.includes('dikonfirmasi') && r.includes('diteruskan')));
  assert.equal(await sup.locator('#act-confirm').isVisible(), false);
});

await step('supervisor rejects another case with a reason', async () => {
  await sup.goto(URL);
  await rowFor(sup, 'Rizal Fahmi').locator('a.case-link').click();
  await sup.waitForURL(/\/kasus\/\d+$/);
  await sup.locator('#act-reject').waitFor();
  // Without a reason the server refuses.
  await sup.click('#act-reject');
  await sup.locator('#action-error', {hasText: 'alasan'}).waitFor();
  await sup.selectOption('#reject-reason', 'konteks_netral');
  await sup.fill('#reject-note', 'kutipan berita, bukan dukungan');
  await sup.click('#act-reject');
  await sup.locator('#case-facts dd', {hasText: 'ditolak'}).waitFor();
  await sup.locator('#case-facts dd', {hasText: 'konteks_netral'}).waitFor();
  await shot(sup, '05-case-rejected');
});

await step('the queue shows the new statuses', async () => {
  await sup.goto(URL);
  // The queue refetches after each filter change: wait for the expected row, not just for a
  // one-row table (the previous filter's single row would satisfy that before the fetch lands).
  const only = async (name) => {
    await rowFor(sup, name).waitFor();
    await sup.waitForFunction(() => document.querySelectorAll('#queue-body tr').length === 1);
    assert.equal(await rowFor(sup, name).count(), 1);
  };
  await sup.selectOption('#f-status', 'ditolak');
  await only('Rizal Fahmi');
  await sup.selectOption('#f-status', 'diteruskan');
  await only('Prabowo Subianto');
});

await step('the audit page lists every action', async () => {
  await sup.goto(base + '/audit');
  await sup.locator('#audit-body tr').first().waitFor();
  const rows = await sup.locator('#audit-body tr').allTextContents();
  for (const a of ['konfirmasi', 'teruskan', 'tolak', 'masuk', 'gagal masuk'])
    assert.ok(rows.some((r) => r.includes(a)), 'no audit entry for ' + a);
  await shot(sup, '06-audit');
});

await step('an operator cannot reach supervisor actions, not even by hand', async () => {
  const op = await newPage({width: 820, height: 1180});  // a tablet
  await login(op, 'budi', 'sandi-operator-1');
  await op.waitForURL(base + '/');
  await rowFor(op, 'Sri Wahyuningsih').waitFor();
  await shot(op, '07-queue-tablet-operator');
  await rowFor(op, 'Sri Wahyuningsih').locator('a.case-link').click();
  await op.waitForURL(/\/kasus\/\d+$/);
  await op.locator('#act-review').waitFor();
  assert.equal(await op.locator('#act-confirm').isVisible(), false);
  const id = Number(op.url().split('/').pop());
  const res = await op.evaluate(async (id) => {
    const me = await (await fetch('/api/me')).json();
    const post = (body, token) => fetch(`/api/cases/${id}/triage`, {method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token}, body: JSON.stringify(body)})
      .then((r) => r.status);
    return {
      confirm: await post({action: 'confirm'}, me.csrf),
      noCsrf: await post({action: 'review'}, ''),
      badCsrf: await post({action: 'review'}, 'f'.repeat(64)),
      audit: (await fetch('/api/audit')).status,
      auditPage: (await fetch('/audit')).status,
    };
  }, id);
  assert.deepEqual(res, {confirm: 403, noCsrf: 403, badCsrf: 403, audit: 403, auditPage: 403});
  await op.click('#act-review');
  await op.locator('#case-facts dd', {hasText: 'ditinjau'}).waitFor();
  assert.deepEqual(op.foreign, []);
  await op.context().close();
});

await step('without a session nothing is served', async () => {
  const anon = await newPage();
  const r = await anon.request.get(base + '/api/cases');
  assert.equal(r.status(), 401);
  await anon.goto(base + '/kasus/' + prabowoCase);
  await anon.waitForURL(base + '/masuk');
  await anon.context().close();
});

await step('no request left the console', async () => {
  assert.deepEqual(sup.foreign, []);
  assert.deepEqual(sup.dialogs, []);
});

// ---- Formulir B.1 PDF, triage metrics, export-labels, SSO (console-ui) ----

const norm = (t) => t.replace(/\s+/g, ' ');

await step('the case page exports Formulir B.1 as a PDF that pdftotext reads back', async () => {
  await sup.goto(base + '/kasus/' + prabowoCase);
  await sup.locator('#b1-pdf[href$="/b1.pdf"]').waitFor();
  const [download] = await Promise.all([sup.waitForEvent('download'), sup.click('#b1-pdf')]);
  assert.equal(download.suggestedFilename(), `b1-kasus-${prabowoCase}.pdf`);
  const file = `${SHOTS}/b1-kasus-${prabowoCase}.pdf`;
  await download.saveAs(file);
  assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], {stdio: ['ignore', 'pipe', 'ignore']}).toString();
  const flat = norm(text);
  const detail = await sup.evaluate(async (id) => (await fetch('/api/cases/' + id)).json(), prabowoCase);
  assert.ok(flat.includes(detail.case.terlapor.name), 'terlapor missing');
  assert.ok(flat.includes(detail.case.terlapor.nip), 'NIP missing');
  assert.ok(flat.includes('Sari Wulandari'), 'pelapor missing');
  for (const a of detail.alerts) {
    assert.ok(flat.includes(norm(a.uraian)), 'uraian missing: ' + a.uraian);
    // The evidence hash, computed here from the record: the spans (or content.<field>) as
    // "field: text" lines.
    const content = a.content
      ? Object.entries(a.content).map(([f, v]) => f + ': ' + v).join('\n')
      : a.evidence.map((e) => e.field + ': ' + e.text).join('\n');
    const sha = createHash('sha256').update(content, 'utf8').digest('hex');
    assert.ok(text.includes(sha), 'sha256 missing: ' + sha);
  }
  assert.ok(flat.includes('SAKSI-SAKSI') && flat.includes('halaman 1 dari'));
  const after = await sup.evaluate(async (id) => (await fetch('/api/cases/' + id)).json(), prabowoCase);
  assert.ok(after.audit.some((e) => e.action === 'export_b1' && e.detail === 'pdf' && e.actor === 'sari'),
    JSON.stringify(after.audit));
  await sup.reload();
  await sup.locator('#case-audit tr', {hasText: 'unduh B.1'}).first().waitFor();
  await shot(sup, '08-case-b1-pdf');
});

await step('the case page shows the ASN\'s cases as a timeline', async () => {
  await sup.goto(base + '/kasus/' + prabowoCase);
  await sup.locator('#others li.current').waitFor();
  const detail = await sup.evaluate(async (id) => (await fetch('/api/cases/' + id)).json(), prabowoCase);
  assert.ok(detail.other_cases.length >= 1, 'the test data gives this ASN another case');
  const items = await sup.$$eval('#others li', (lis) => lis.map((li) => ({id: +li.dataset.caseId, current: li.classList.contains('current')})));
  assert.equal(items.length, detail.other_cases.length + 1);
  assert.deepEqual(items.filter((i) => i.current).map((i) => i.id), [prabowoCase]);
  const firsts = [...detail.other_cases, detail.case].sort((a, b) => a.first_ts.localeCompare(b.first_ts) || a.case_id - b.case_id);
  assert.deepEqual(items.map((i) => i.id), firsts.map((c) => c.case_id));
  const other = items.find((i) => !i.current).id;
  await sup.click(`#others li[data-case-id="${other}"] a`);
  await sup.waitForURL(base + '/kasus/' + other);
  await sup.locator(`#others li.current[data-case-id="${other}"]`).waitFor();
  await sup.locator(`#others li[data-case-id="${prabowoCase}"] a`).waitFor();
  await shot(sup, '09-case-timeline');
});

await step('metrics count the triage outcomes per rule and reason', async () => {
  const body = await (await sup.request.get(base + '/metrics')).text();
  const count = (labels) => {
    const line = body.split('\n').find((l) => l.startsWith('netra_console_cases_total{' + labels + '}'));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  assert.equal(count('rule="online_campaign_post",status="dikonfirmasi",reason=""'), 1, body);
  assert.equal(count('rule="online_campaign_post",status="diteruskan",reason=""'), 1, body);
  assert.ok(body.split('\n').some((l) => /^netra_console_cases_total\{rule="[a-z_]+",status="ditolak",reason="konteks_netral"\} 1$/.test(l)), body);
});

await step('export-labels writes the decided cases for netra eval, which scores them', async () => {
  const dir = mkdtempSync(tmpdir() + '/netra-labels-');
  try {
    execFileSync(process.env.NETRA_BIN, ['console', 'export-labels', dir,
      '--set', 'console.dir=' + process.env.NETRA_STORE], {stdio: ['ignore', 'ignore', 'inherit']});
    const labels = readFileSync(dir + '/console.labels.ndjson', 'utf8').trim().split('\n').map(JSON.parse);
    const events = readFileSync(dir + '/console.events.ndjson', 'utf8').trim().split('\n').map(JSON.parse);
    // Two posts of the confirmed case (their rule expected), one of the rejected (silent).
    assert.equal(labels.length, 3, JSON.stringify(labels));
    assert.deepEqual(events.map((e) => e.event_id), labels.map((l) => l.event_id));
    const expected = labels.filter((l) => l.expect.includes('online_campaign_post'));
    assert.equal(expected.length, 2);
    const rejected = labels.filter((l) => l.expect.length === 0);
    assert.equal(rejected.length, 1);
    assert.ok(rejected[0].groups.includes('ditolak_konteks_netral'));
    const report = JSON.parse(execFileSync(process.env.NETRA_BIN, ['eval', '--json', dir],
      {stdio: ['ignore', 'pipe', 'inherit']}).toString());
    assert.equal(report.events, labels.length, JSON.stringify(report).slice(0, 400));
    assert.equal(report.positive_events, 2);
    const rule = report.rules.find((r) => r.rule_id === 'online_campaign_post');
    assert.ok(rule, 'no online_campaign_post in the eval report');
    assert.equal(rule.support, 2);
    // The rebuilt posts carry the evidence spans, so the confirmed ones fire again.
    assert.equal(rule.tp, 2, JSON.stringify(rule));
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

await step('SSO mode: the trusted header logs in only from the proxy address', async () => {
  const proc = spawn(process.env.NETRA_BIN, ['console', '--from-file', '/dev/null',
    '--set', 'console.dir=' + process.env.NETRA_STORE, '--set', 'console.listen=127.0.0.1:0',
    '--set', 'console.sso_header=X-Forwarded-User', '--set', 'console.sso_trusted=127.0.0.1/32',
    '--set', 'console.tls_proxy=true'], {stdio: ['ignore', 'pipe', 'pipe']});
  try {
    const ssoUrl = await new Promise((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/netra console: (http:\S+)/);
        if (m) resolve(m[1]);
      });
      proc.on('exit', (code) => reject(new Error('SSO console exited ' + code)));
      setTimeout(() => reject(new Error('SSO console did not start')), 20000);
    });
    const get = (path, user, localAddress) => new Promise((resolve, reject) => {
      const u = new globalThis.URL(path, ssoUrl);  // (URL is the console's address here)
      const req = http.request({host: u.hostname, port: u.port, path: u.pathname, localAddress,
        headers: user ? {'X-Forwarded-User': user} : {}}, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => resolve({status: res.statusCode, body, cookie: res.headers['set-cookie'] || []}));
      });
      req.on('error', reject);
      req.end();
    });
    const ok = await get('/api/me', 'budi', '127.0.0.1');
    assert.equal(ok.status, 200, ok.body);
    assert.equal(JSON.parse(ok.body).role, 'operator');
    assert.ok(ok.cookie.some((c) => c.includes('HttpOnly') && c.includes('; Secure')), ok.cookie.join('|'));
    const spoofed = await get('/api/me', 'budi', '127.0.0.2');
    assert.equal(spoofed.status, 403, spoofed.body);
    assert.equal(spoofed.cookie.length, 0);
    assert.equal((await get('/api/me', 'orang-asing', '127.0.0.1')).status, 403);
    assert.equal((await get('/api/me', '', '127.0.0.2')).status, 401);  // no header: no session
  } finally {
    proc.kill('SIGTERM');
  }
});

await step('full-text search: words of the post text (uraian) find their case', async () => {
  await sup.goto(URL);
  await rowFor(sup, 'Rizal Fahmi').waitFor();
  const rows = () => sup.locator('#queue-body tr');
  const total = await rows().count();
  // "Sat set" is only in one post's text (a comment on a political account), not in any
  // name, agency, target or rule.
  await sup.fill('#f-q', 'sat set');
  await sup.waitForFunction(() => document.querySelectorAll('#queue-body tr').length === 1);
  const id = await rows().first().getAttribute('data-case-id');
  const detail = await sup.evaluate(async (id) => (await fetch('/api/cases/' + id)).json(), id);
  assert.ok(detail.alerts.some((a) => /sat set/i.test(a.uraian)), 'the found case has no such text');
  await shot(sup, '08-search');
  // A prefix of the last word matches too; a word in no alert matches nothing.
  await sup.fill('#f-q', 'lanjut');
  await sup.waitForFunction(() => document.querySelectorAll('#queue-body tr').length >= 1);
  await sup.fill('#f-q', 'zzzkatayangtidakada');
  await sup.waitForFunction(() => document.querySelectorAll('#queue-body tr').length === 0);
  // FTS5 syntax typed by a user is only text.
  const status = await sup.evaluate(async () => (await fetch('/api/cases?q=' + encodeURIComponent('"a" OR NEAR(') )).status);
  assert.equal(status, 200);
  await sup.fill('#f-q', '');
  await sup.waitForFunction((n) => document.querySelectorAll('#queue-body tr').length === n, total);
});

await browser.close();
for (const s of steps) console.log(s);
console.log(`console browser test: ${steps.length - failures}/${steps.length} steps passed; screenshots in ${SHOTS}`);
process.exit(failures ? 1 : 0);
