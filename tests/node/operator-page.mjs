// The operator's sessions page in headless Chromium (playwright-core at CHROMIUM_PATH): the API key, the list of
// sessions, and a revocation. PAGE_URL, API_KEY, EXPECT_USER (a user name listed), SCREENSHOT. One line per check.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const violations = [];
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
  const first = await page.goto(process.env.PAGE_URL);
  assert.equal(first.status(), 200);
  assert.match(first.headers()['content-security-policy'], /default-src 'none'/);
  await page.getByLabel("This server's API key").fill(process.env.API_KEY);
  await page.getByRole('button', { name: 'Show sessions' }).click();
  await page.getByRole('table').waitFor();
  const rows = await page.locator('tbody tr').count();
  assert.ok((await page.locator('tbody').innerText()).includes(process.env.EXPECT_USER), 'the user is not listed');
  console.log(`ok - the operator signs in with the API key and sees ${rows} session(s)`);
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  await page.getByRole('row').filter({ hasText: process.env.EXPECT_USER }).first().getByRole('button', { name: /^Revoke session / }).click();
  await page.getByRole('status').waitFor();
  assert.match(await page.getByRole('status').innerText(), /Revoked 1 session/);
  assert.equal(await page.locator('tbody tr').count(), rows - 1);
  console.log('ok - revoking one session removes it from the list');
  assert.deepEqual(violations, []);
  console.log('ok - the page needs nothing its CSP forbids');
} finally {
  await browser.close();
}
console.log('all checks passed');
