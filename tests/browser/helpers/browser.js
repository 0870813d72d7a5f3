// Debian's Chromium driven by playwright-core, with the flags this kind of
// machine needs (see shared notes): no sandbox as root, no background
// networking on a closed network, a fresh profile per launch.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches Chromium; resolves to { browser, context, close() }. */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run \`bash scripts/setup.sh --browser\` (installs Debian's chromium) or set CHROMIUM_PATH`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'cos-presign-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 30_000,
    viewport: { width: 1100, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A page that records console errors and page errors. Chromium also logs every
 * 4xx answer as a console error; those from `expectedErrorOrigin` (the object
 * endpoint, whose 403s the tests provoke and assert one by one) are left out.
 */
export async function openPage(context, url, { initScript, expectedErrorOrigin, beforeLoad } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const from = m.location().url || '';
    if (expectedErrorOrigin && from.startsWith(expectedErrorOrigin) && /^Failed to load resource: the server responded with a status of 40[34]/.test(m.text())) return;
    problems.push(`console.error: ${m.text()} (${from})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  if (initScript) await page.addInitScript(initScript);
  if (beforeLoad) beforeLoad(page);
  await page.goto(url);
  return { page, problems };
}
