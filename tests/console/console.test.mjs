// Browser test of the patrol console (run by tests/console/run, which starts
// `netra console` and sets the environment). Headless Debian chromium.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
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
