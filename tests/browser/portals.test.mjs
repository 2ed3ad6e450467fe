// End-to-end tests of the three portals in Debian's chromium, driven by playwright-core.
// Run by scripts/browser-tests.sh, which starts the stack and sets the environment below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run scripts/browser-tests.sh`);
  return v;
};
const BASE = env('BASE_URL');
const NUMERO = env('NUMERO');
const PASSWORD = env('PASSWORD');
const SHOTS = env('SCREENSHOT_DIR');
const DOWNLOADS = process.env.DOWNLOAD_DIR || join(SHOTS, '..', 'browser-downloads');
const WORKER_PID = Number(process.env.WORKER_PID || 0);
const BIRTH = '1980-02-03';

let browser;
let shotCount = 0;
const pageErrors = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(DOWNLOADS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
});

// ---------------------------------------------------------------------------------------------
// helpers

/** A fresh browser session (its own cookies), French, desktop size. */
async function session(label) {
  const context = await browser.newContext({
    locale: 'fr-FR',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${label}: ${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.log(`  [console ${label}] ${m.text()} ${m.location().url || ''} (page ${page.url()})`);
  });
  return { context, page };
}

/** Full-page PNG in target/browser-screenshots/, numbered in visiting order. */
async function shot(page, name) {
  shotCount += 1;
  const file = join(SHOTS, `${String(shotCount).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

async function staffLogin(page, login, name) {
  await page.goto(`${BASE}/connexion`);
  await page.fill('#login', login);
  await page.fill('#password', PASSWORD);
  await shot(page, `${name}-connexion`);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/connexion')),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
}

async function api(path, { token, method = 'GET', body, headers = {} } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    body,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text };
}

async function waitFor(what, fn, timeoutMs = 60_000, everyMs = 300) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Deposits a piece through the API with the guichet_enregistreur token; returns its id. */
async function depositByApi(type, files) {
  const form = new FormData();
  form.append('type', type);
  for (const f of files) form.append('fichier', new Blob([f.buffer], { type: f.mimeType }), f.name);
  const r = await api(`/api/demandes/${NUMERO}/pieces`, { token: env('GUICHET_TOKEN'), method: 'POST', body: form });
  assert.equal(r.status, 202, `deposit ${type}: ${r.status} ${r.text}`);
  return r.json.id;
}

/** Waits until a piece is attached, read with a token cleared for sensible pieces. */
async function waitAttached(id) {
  return waitFor(`piece ${id} attached`, async () => {
    const r = await api(`/api/pieces/${id}`, { token: env('SUPERVISOR_TOKEN') });
    assert.equal(r.status, 200, `GET /api/pieces/${id}: ${r.text}`);
    assert.notEqual(r.json.status, 'rejected', `piece ${id} rejected: ${r.text}`);
    return r.json.status === 'attached' ? r.json : null;
  });
}

/** A small valid one-page PDF with a line of text (hand-written objects, exact xref). */
function pdf(text) {
  const content = `BT /F1 18 Tf 72 760 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** A grey-level PNG (A4 proportions, a few dark bars so it is not blank). */
function png(width = 620, height = 877) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 0; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0; // filter: none
    if (y % 40 < 12 && y > 60 && y < height - 60) {
      for (let x = 60; x < width - 60 - (y * 7) % 200; x++) raw[y * (width + 1) + 1 + x] = 30;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const rowOf = (page, id) => page.locator(`tr[data-piece="${id}"]`);

// ---------------------------------------------------------------------------------------------
// 1. the applicant

test('1. an applicant uploads a two-file piece and sees it become ready without reloading', async () => {
  const { context, page } = await session('demandeur');
  try {
    await page.goto(`${BASE}/`);
    await shot(page, 'accueil');
    await page.goto(`${BASE}/demandeur/connexion`);
    await page.fill('#numero', NUMERO);
    await page.fill('#naissance', BIRTH);
    await page.fill('#code', env('APPLICANT_CODE'));
    await shot(page, 'demandeur-connexion');
    await Promise.all([
      page.waitForURL(`${BASE}/demandeur`),
      page.getByRole('button', { name: 'Se connecter' }).click(),
    ]);
    await shot(page, 'demandeur-accueil');
    assert.equal(await page.locator('tr[data-piece]').count(), 0, 'no piece yet');

    await page.selectOption('select#type', 'FPAIE');
    await page.setInputFiles('input#fichiers', [
      { name: 'bulletin-page-1.pdf', mimeType: 'application/pdf', buffer: pdf('Bulletin de salaire - page 1') },
      { name: 'bulletin-page-2.png', mimeType: 'image/png', buffer: png() },
    ]);
    // The worker is paused while the form is sent, so that the page is seen with the piece
    // still being processed (otherwise it may already be ready when the page is rendered).
    if (WORKER_PID) process.kill(WORKER_PID, 'SIGSTOP');
    let row;
    try {
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/demandeur'),
        page.getByRole('button', { name: 'Envoyer la pièce' }).click(),
      ]);
      row = page.locator('tr[data-piece]');
      await assert.doesNotReject(row.waitFor(), 'the new piece is listed');
      assert.equal(await row.count(), 1);
      assert.equal(await row.getAttribute('data-status'), 'processing');
      assert.equal((await row.locator('.badge.state').textContent()).trim(), 'en cours de traitement');
      const notice = page.locator('.notice.ok');
      assert.match(await notice.textContent(), /Pièce reçue/);
      await shot(page, 'demandeur-piece-en-cours');
    } finally {
      if (WORKER_PID) process.kill(WORKER_PID, 'SIGCONT');
    }
    // No reload: the page's own script updates the row in place.
    let navigations = 0;
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations += 1; });
    await row.locator('.badge.state', { hasText: 'prête' }).waitFor({ timeout: 60_000 });
    assert.equal(navigations, 0, 'the page was not reloaded');
    assert.equal(await row.getAttribute('data-status'), 'attached');
    assert.equal((await row.locator('.pages').textContent()).trim(), '2', 'two files make a two-page piece');
    assert.ok(await row.getByRole('link', { name: 'Télécharger' }).isVisible(), 'download link shown once ready');
    await shot(page, 'demandeur-piece-prete');

    // The merged PDF really has two pages.
    const id = await row.getAttribute('data-piece');
    const r = await api(`/api/pieces/${id}`, { token: env('SUPERVISOR_TOKEN') });
    assert.equal(r.json.page_count, 2);

    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/demandeur')),
      page.getByRole('button', { name: 'Se déconnecter' }).click(),
    ]);
    await shot(page, 'demandeur-deconnecte');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 2. sensible pieces

test('2. a consultant_simple does not see a sensible piece; a consultant_sensible does', async () => {
  const viol = await depositByApi('VIOL', [{ name: 'main-courante.pdf', mimeType: 'application/pdf', buffer: pdf('Depot de plainte') }]);
  const avis = await depositByApi('AVIS', [{ name: 'avis-imposition.pdf', mimeType: 'application/pdf', buffer: pdf("Avis d'imposition 2024") }]);
  await waitAttached(viol);
  await waitAttached(avis);

  const simple = await session('consultant_simple');
  try {
    const { page } = simple;
    await staffLogin(page, 'simple', 'consultant-simple');
    assert.equal(new URL(page.url()).pathname, '/consultation');
    await shot(page, 'consultant-simple-recherche');
    await page.goto(`${BASE}/consultation?numero_unique=${NUMERO}`);
    await shot(page, 'consultant-simple-resultat');
    await Promise.all([
      page.waitForURL(`**/consultation/demandes/${NUMERO}`),
      page.getByRole('link', { name: NUMERO.replace(/^(.{3})(.{4})(.{6})(.{5})$/, '$1 $2 $3 $4') }).click(),
    ]);
    await shot(page, 'consultant-simple-demande');
    assert.equal(await rowOf(page, avis).count(), 1, 'the AVIS piece is listed');
    assert.equal(await rowOf(page, viol).count(), 0, 'the VIOL piece is not listed');
    assert.equal(await page.locator('.badge.sensible').count(), 0, 'no sensible badge at all');
    assert.doesNotMatch(await page.content(), new RegExp(viol), 'the sensible piece id is nowhere in the page');
    const res = await page.goto(`${BASE}/api/pieces/${viol}/fichier`);
    assert.equal(res.status(), 404, 'the sensible file answers 404');
    await shot(page, 'consultant-simple-fichier-sensible-404');
    const meta = await page.goto(`${BASE}/api/pieces/${viol}`);
    assert.equal(meta.status(), 404, 'the sensible piece metadata answers 404');
    // the 404 is about the sensible piece: the same session reads the AVIS piece's record
    // (a consultant_simple may list pieces but open none, so its file is refused too)
    const ok = await page.request.get(`${BASE}/api/pieces/${avis}`);
    assert.equal(ok.status(), 200, 'the non-sensible piece is readable');
    assert.equal((await ok.json()).type, 'AVIS');
  } finally {
    await simple.context.close();
  }

  const sensible = await session('consultant_sensible');
  try {
    const { page } = sensible;
    await staffLogin(page, 'sensible', 'consultant-sensible');
    await page.goto(`${BASE}/consultation/demandes/${NUMERO}`);
    await shot(page, 'consultant-sensible-demande');
    const row = rowOf(page, viol);
    assert.equal(await row.count(), 1, 'the VIOL piece is listed');
    assert.equal((await row.locator('.badge.sensible').textContent()).trim(), 'sensible');
    assert.equal(await rowOf(page, avis).count(), 1);
    const res = await page.request.get(`${BASE}/api/pieces/${viol}/fichier`);
    assert.equal(res.status(), 200);
  } finally {
    await sensible.context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 3. quarantine, restore, journal

test('3. a guichet_enregistreur deletes and restores a piece, and finds both in the journal and its CSV', async () => {
  const id = await depositByApi('CAF', [{ name: 'attestation-caf.pdf', mimeType: 'application/pdf', buffer: pdf('Attestation de paiement CAF') }]);
  await waitAttached(id);
  const { context, page } = await session('guichet_enregistreur');
  try {
    await staffLogin(page, 'guichet', 'guichet');
    await page.goto(`${BASE}/consultation/demandes/${NUMERO}`);
    await shot(page, 'guichet-demande');
    const row = rowOf(page, id);
    assert.equal(await row.getAttribute('data-status'), 'attached');

    // The motif is required: the browser refuses to send the form without it.
    await row.locator('summary', { hasText: 'Supprimer' }).click();
    const motif = row.locator('input[name=motif]');
    assert.equal(await motif.getAttribute('required'), '');
    await row.getByRole('button', { name: 'Mettre en quarantaine' }).click();
    assert.equal(await motif.evaluate((el) => el.validity.valueMissing), true);
    assert.equal(new URL(page.url()).pathname, `/consultation/demandes/${NUMERO}`);
    await motif.fill('Pièce déposée sur la mauvaise demande');
    await shot(page, 'guichet-suppression-motif');
    await Promise.all([
      page.waitForURL((u) => u.search.length > 0 || u.pathname.endsWith(NUMERO)),
      page.waitForLoadState('load'),
      row.getByRole('button', { name: 'Mettre en quarantaine' }).click(),
    ]);
    await page.locator('.notice.ok').waitFor();
    assert.match(await page.locator('.notice.ok').textContent(), /quarantaine/);
    assert.equal(await rowOf(page, id).getAttribute('data-status'), 'quarantined');
    await shot(page, 'guichet-piece-en-quarantaine');

    await Promise.all([
      page.waitForLoadState('load'),
      rowOf(page, id).getByRole('button', { name: 'Restaurer' }).click(),
    ]);
    await page.locator('.notice.ok', { hasText: 'restaurée' }).waitFor();
    assert.equal(await rowOf(page, id).getAttribute('data-status'), 'attached');
    await shot(page, 'guichet-piece-restauree');

    await Promise.all([
      page.waitForURL(`**/consultation/demandes/${NUMERO}/journal**`),
      page.getByRole('link', { name: 'Journal de la demande' }).click(),
    ]);
    await shot(page, 'guichet-journal');
    const events = await page.locator('#journal tbody tr').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.cells).map((c) => c.textContent.trim())));
    const pieceEvents = events.filter((cells) => cells.some((c) => c.includes('Attestation de paiement CAF') || c.includes('CAF')));
    const labels = events.map((cells) => cells[1]);
    assert.ok(labels.includes('suppression'), `"suppression" in the journal: ${JSON.stringify(labels)}`);
    assert.ok(labels.includes('restauration'), `"restauration" in the journal: ${JSON.stringify(labels)}`);
    assert.ok(pieceEvents.length >= 3, `creation, suppression, restauration of the CAF piece: ${JSON.stringify(pieceEvents)}`);
    assert.ok(events.some((cells) => cells.join(' ').includes('Pièce déposée sur la mauvaise demande')),
      'the motif is shown in the journal');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-csv').click(),
    ]);
    const file = join(DOWNLOADS, download.suggestedFilename() || 'journal.csv');
    await download.saveAs(file);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    assert.equal(lines[0], 'date;evenement;piece;categorie;type;acteur;guichet;details');
    const mine = lines.slice(1).map((l) => l.split(';')).filter((f) => f[2] === id);
    const codes = mine.map((f) => f[1]);
    assert.ok(codes.includes('creation'), `CSV creation: ${JSON.stringify(mine)}`);
    assert.ok(codes.includes('suppression'), `CSV suppression: ${JSON.stringify(mine)}`);
    assert.ok(codes.includes('restauration'), `CSV restauration: ${JSON.stringify(mine)}`);
    for (const f of mine) assert.equal(f[4], 'CAF');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 4. the review queue

test('4. an operator types the unreadable numéro unique of a pli and the pli attaches', async () => {
  const truth = JSON.parse(readFileSync(env('TRUTH_FILE'), 'utf8'));
  assert.equal(truth.plis.length, 1);
  assert.equal(truth.plis[0].expected_outcome, 'unreadable_cover', 'the generated pli has its number blacked out');
  const numero = truth.plis[0].numero_unique;
  const token = env('OPERATOR_TOKEN');

  const sent = await api('/batches?filename=lot-illisible.pdf', {
    token, method: 'POST', body: readFileSync(env('BATCH_FILE')), headers: { 'content-type': 'application/pdf' },
  });
  assert.ok([200, 202].includes(sent.status), `POST /batches: ${sent.status} ${sent.text}`);
  const batchId = sent.json.id;

  const { context, page } = await session('operateur');
  try {
    await staffLogin(page, 'operateur', 'operateur');
    assert.equal(new URL(page.url()).pathname, '/pro/lots');
    await page.locator(`[data-batches] tr[data-batch="${batchId}"]`).waitFor();
    await shot(page, 'operateur-lots-en-cours');
    // live progress: the row says "terminé" without a reload once the worker is done
    await page.locator(`tr[data-batch="${batchId}"] .state`, { hasText: 'terminé' }).waitFor({ timeout: 120_000 });
    const status = await waitFor('batch done', async () => {
      const r = await api(`/batches/${batchId}`, { token });
      assert.notEqual(r.json.status, 'failed', r.text);
      return r.json.status === 'done' ? r.json : null;
    }, 30_000);
    assert.equal(status.plis.length, 1, JSON.stringify(status.plis));
    const pli = status.plis[0];
    assert.equal(pli.outcome, 'unreadable_cover', `pli put aside as unreadable: ${JSON.stringify(pli)}`);
    await page.waitForFunction((id) => {
      const row = document.querySelector(`tr[data-batch="${id}"]`);
      return row && row.querySelector('.aside').textContent.trim() === '1';
    }, batchId);
    await shot(page, 'operateur-lots-termine');

    await page.getByRole('link', { name: 'File de revue' }).click();
    await page.waitForURL('**/pro/revue');
    const section = page.locator(`section.pli[data-pli="${pli.id}"]`);
    await section.waitFor();
    // the thumbnails of the pieces put aside are served
    const imgs = section.locator('img');
    for (let i = 0; i < await imgs.count(); i++) {
      await imgs.nth(i).scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => el.complete, await imgs.nth(i).elementHandle());
      assert.ok(await imgs.nth(i).evaluate((el) => el.naturalWidth > 0), `thumbnail ${i} is an image`);
    }
    await shot(page, 'operateur-revue');

    const input = section.locator('input[name=numero_unique]');
    // typed the way people type it: spaced, lower case
    const typed = `${numero.slice(0, 3)} ${numero.slice(3, 7)} ${numero.slice(7, 13)} ${numero.slice(13).toLowerCase()}`;
    await input.fill(typed);
    await shot(page, 'operateur-revue-numero-saisi');
    await Promise.all([
      page.waitForLoadState('load'),
      section.getByRole('button', { name: 'Rattacher le pli' }).click(),
    ]);
    const notice = page.locator('.notice.ok');
    await notice.waitFor();
    assert.match(await notice.textContent(), /^\s*Pli rattaché : \d+ pièces? ajoutées? à la demande\.\s*$/);
    const added = Number((await notice.textContent()).match(/(\d+) pièce/)[1]);
    assert.equal(await page.locator(`section.pli[data-pli="${pli.id}"]`).count(), 0, 'the pli left the queue');
    await shot(page, 'operateur-revue-pli-rattache');

    const after = await api(`/batches/${batchId}`, { token });
    const p2 = after.json.plis[0];
    assert.equal(p2.outcome, 'attached', JSON.stringify(p2));
    const attached = p2.pieces.filter((p) => p.status === 'attached');
    assert.equal(attached.length, added, `the notice counts the attached pieces: ${JSON.stringify(p2.pieces)}`);
    assert.ok(attached.length >= 1);
    assert.equal(p2.pieces.length, truth.plis[0].pieces.length, 'every piece of the pli was found');
    for (const p of attached) {
      const r = await api(`/api/pieces/${p.id}`, { token: env('SUPERVISOR_TOKEN') });
      assert.equal(r.json.demande, numero, `piece ${p.id} is on the demande: ${r.text}`);
    }

    // and the demande lists them
    const sensible = await session('consultant_sensible');
    try {
      await staffLogin(sensible.page, 'sensible', 'consultant-sensible-2');
      await sensible.page.goto(`${BASE}/consultation/demandes/${numero}`);
      await shot(sensible.page, 'consultant-demande-du-pli');
      for (const p of attached) {
        assert.equal(await rowOf(sensible.page, p.id).getAttribute('data-status'), 'attached');
      }
    } finally {
      await sensible.context.close();
    }
  } finally {
    await context.close();
  }
});

test('no script error on any page', () => {
  assert.deepEqual(pageErrors, []);
});
