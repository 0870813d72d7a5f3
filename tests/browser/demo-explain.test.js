// The demo's "Explain a link" in Chromium, under the page's strict CSP: the
// paste box explains links the page signed (verified with the STS secret it
// holds), tampered ones and foreign ones; every failed fetch shows COS's
// error XML beside the explanation of the link that failed. No console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startDemoServer, ROOT } from '../../scripts/demo-server/server.js';
import { launch, openPage } from './helpers/browser.js';

let demo;
let browser;
let opened;

before(async () => {
  demo = await startDemoServer({ port: 0 });
  browser = await launch();
  opened = await openPage(browser.context, `${demo.pageOrigin}/demo/`, { expectedErrorOrigin: demo.objectOrigin });
  await opened.page.waitForSelector('body[data-state=ready]');
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

// Pastes a link, presses Explain, and reads what the panel shows.
async function pasteAndExplain(page, url, method = 'GET') {
  await page.fill('#explain-url', url);
  await page.selectOption('#explain-method', method);
  await page.$eval('#explain-result', (e) => e.replaceChildren());
  await page.click('#explain-form button[type=submit]');
  await page.waitForSelector('#explain-result .explanation');
  return readPanel(page, '#explain-result .explanation');
}

function readPanel(page, selector) {
  return page.$eval(selector, (e) => ({
    verified: e.dataset.verified,
    problems: e.dataset.problems,
    verdict: e.querySelector('.verdict')?.textContent,
    facts: Object.fromEntries([...e.querySelectorAll('.facts dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])),
    parts: [...e.querySelectorAll('.parts tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent)),
    canonical: [...e.querySelectorAll('.canonical pre')].map((p) => p.textContent),
    problemTexts: [...e.querySelectorAll('.problem')].map((li) => li.textContent),
    xml: e.querySelector('.answer pre')?.textContent ?? null,
    countdown: e.querySelector('.countdown')?.textContent ?? null,
  }));
}

test('the paste box explains a link the page signed, and verifies it with the page\'s STS secret', async () => {
  const { page } = opened;
  const key = 'demo/报告 2026+final.pdf';
  const { url } = await page.evaluate((k) => window.cosDemo.signUrl(k, { expires: 600, download: 'Q1 报告.pdf' }), key);
  const shown = await pasteAndExplain(page, url);
  assert.equal(shown.verified, 'true', shown.verdict);
  assert.equal(shown.problems, '');
  assert.match(shown.verdict, /verifies/);
  assert.equal(shown.facts.key, key);
  assert.equal(shown.facts.bucket, '(not told by the host)');
  assert.ok(shown.parts.some(([kind, name, value, signed]) => kind === 'parameter' && name === 'response-content-disposition' && value.includes(encodeURIComponent('Q1 报告.pdf')) && signed === 'signed'));
  assert.ok(shown.parts.some(([, name, , signed]) => name === 'x-cos-security-token' && signed === 'not signed'));
  assert.match(shown.canonical[0], new RegExp(`^get↵\\n/${key.replace(/[+.]/g, '\\$&')}↵\\n`));
  assert.match(shown.canonical[1], /^sha1↵\n\d+;\d+↵\n[0-9a-f]{40}↵\n$/);
  await page.waitForFunction(() => /^(9:5\d|10:00)/.test(document.querySelector('#explain-result .countdown').textContent));
});

test('the paste box names the problem of a tampered, PUT-only or foreign link, and refuses what is no link', async () => {
  const { page } = opened;
  const { url } = await page.evaluate(() => window.cosDemo.signUrl('demo/hello.txt', { expires: 600 }));
  const sig = new URL(url).searchParams.get('q-signature');
  const tampered = await pasteAndExplain(page, url.replace(sig, (sig[0] === '0' ? '1' : '0') + sig.slice(1)));
  assert.equal(tampered.verified, 'false');
  assert.equal(tampered.problems, 'SIGNATURE_MISMATCH');
  assert.match(tampered.problemTexts[0], /^SIGNATURE_MISMATCH q-signature: /);
  // The same good link, as if used for an upload: the method is named.
  const asPut = await pasteAndExplain(page, url, 'PUT');
  assert.match(asPut.problemTexts[0], /matches method GET/);
  // AWS's documented SigV4 example: explained, not checkable here, long expired.
  const aws = await pasteAndExplain(page, 'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256'
    + '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z'
    + '&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  assert.deepEqual([aws.verified, aws.problems, aws.facts.bucket, aws.facts.region], ['unchecked', 'LINK_EXPIRED', 'examplebucket', 'us-east-1']);
  assert.match(aws.canonical[1], /3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04$/);
  const notALink = await pasteAndExplain(page, 'not a link');
  assert.equal(notALink.verified, 'error');
  assert.match(notALink.verdict, /ERR_INVALID_URL/);
});

test('each failed fetch shows COS\'s error XML beside the explanation of its link', async () => {
  const { page } = opened;
  const expected = {
    tampered: { code: 'SignatureDoesNotMatch', verified: 'false', problems: 'SIGNATURE_MISMATCH' },
    scope: { code: 'AccessDenied', verified: 'true', problems: '' },
    expired: { code: 'AccessDenied', verified: 'true', problems: 'LINK_EXPIRED' },
  };
  for (const [failure, want] of Object.entries(expected)) {
    await page.$eval('#failure-result', (e) => { delete e.dataset.status; });
    await page.click(`[data-failure=${failure}]`);
    await page.waitForFunction(() => document.querySelector('#failure-result').dataset.status, null, { timeout: 10_000 });
    const shown = await readPanel(page, '#failure-why .explanation');
    assert.equal(await page.isVisible('#failure-why'), true);
    assert.match(shown.xml, new RegExp(`<Code>${want.code}</Code>`), failure);
    assert.equal(shown.verified, want.verified, `${failure}: ${shown.verdict}`);
    assert.equal(shown.problems, want.problems, failure);
    if (failure === 'scope') assert.match(await page.textContent('#failure-why .no-problems'), /about permissions/);
  }
  // A row's own "Fetch it" on a key outside the credentials' prefix: the panel below the table explains it.
  const row = page.locator('#objects tr[data-key="private/not-in-scope.txt"]');
  await row.locator('button').click();
  const why = page.locator('#objects-why');
  await why.locator('.explanation').waitFor();
  assert.equal(await why.isVisible(), true);
  assert.equal(await page.textContent('#objects-why-key'), 'private/not-in-scope.txt');
  assert.match(await why.locator('.answer pre').textContent(), /<Code>AccessDenied<\/Code>/);
  assert.equal(await why.locator('.explanation').getAttribute('data-verified'), 'true');
});

test('screenshot, and no console error or CSP violation', async () => {
  const { page, problems } = opened;
  const { url } = await page.evaluate(() => window.cosDemo.signUrl('demo/hello.txt', { expires: 60 }));
  await pasteAndExplain(page, url.replace('hello.txt', 'hello2.txt'));
  await page.$eval('#explain-result details', (d) => { d.open = true; });
  const dir = join(ROOT, 'test-artifacts');
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'demo-explain.png'), fullPage: true });
  assert.deepEqual(problems, []);
  assert.equal(await page.isVisible('#banner'), false);
});
