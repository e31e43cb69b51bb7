// Sign-in through the organization's identity provider (tests/node/oidc-provider.mjs), driven in headless Chromium
// (playwright-core at CHROMIUM_PATH). Two modes:
//   MODE=sdk   the TypeScript SDK's OAuth client end to end: bare 401 -> auth() -> our authorization endpoint ->
//              the provider's login page -> our consent (with the user's name) -> code -> token -> tools/call ->
//              refresh; prints CLAIMS {...} (the access token's claims, never the token) and, with WAIT_FOR_REVOKE,
//              "WAITING revoke" and checks afterwards that the refreshed token is refused (401).
//   MODE=page  opens AUTHORIZE_URL, signs in as USER_LOGIN and prints RESULT {status, url, text} for the page it
//              lands on; with APPROVE=1 it approves and RESULT carries the code from the redirect; with CLICK it
//              presses the button of that name first (AUTHORIZE_URL may be any page of ours that starts a sign-in);
//              with STOP_AT_TICKET=1 it does not open our page after the provider and prints RESULT {ticketUrl}.
// SCREENSHOT: where to save a screenshot of our consent page (WIDTH: the viewport's, default a phone's 390). Prints one line per check; exits non-zero on failure.
import assert from 'node:assert/strict';
import http from 'node:http';
import readline from 'node:readline';

const mode = process.env.MODE ?? 'sdk';
const login = process.env.USER_LOGIN ?? 'alice';

const check = async (name, body) => {
  await body();
  console.log(`ok - ${name}`);
};

async function withBrowser(body) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: Number(process.env.WIDTH ?? 390), height: 844 } });
    let last;
    page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.request().frame() === page.mainFrame()) last = response;
    });
    return await body(page, () => last);
  } finally {
    await browser.close();
  }
}

/** From our authorization URL through the provider's login (and its consent) back to a page of ours. */
async function signInAtProvider(page, authorizeUrl) {
  const ours = new URL(authorizeUrl).origin;
  await page.goto(authorizeUrl);
  if (new URL(page.url()).origin === ours) return;
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await Promise.all([page.waitForNavigation(), page.locator('button[type=submit]').click()]);
  for (let step = 0; step < 3 && new URL(page.url()).origin !== ours; step++) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).click()]);
  }
}

if (mode === 'page') {
  const authorizeUrl = process.env.AUTHORIZE_URL;
  const redirectOrigin = process.env.REDIRECT_ORIGIN;
  // The client's own loopback callback listener, where the code arrives after approval.
  let code;
  const listener = redirectOrigin && http.createServer((request, response) => {
    code = new URL(request.url, redirectOrigin).searchParams.get('code') ?? code;
    response.writeHead(200, { 'content-type': 'text/plain' }).end('You can close this window.');
  });
  if (listener) await new Promise((resolve) => listener.listen(Number(new URL(redirectOrigin).port), '127.0.0.1', resolve));
  const result = await withBrowser(async (page, lastResponse) => {
    if (process.env.STOP_AT_TICKET === '1') {
      // What an attacker who signed in would put in a link: the return URL with its one-time ticket, never opened here.
      let ticketUrl;
      // The return reaches our page as the end of a redirect chain, which page.route does not see; the DevTools
      // protocol's Fetch domain pauses redirected requests too.
      const cdp = await page.context().newCDPSession(page);
      cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
        ticketUrl = request.url;
        cdp.send('Fetch.failRequest', { requestId, errorReason: 'Aborted' }).catch(() => {});
      });
      await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*signin_ticket=*', requestStage: 'Request' }] });
      await signInAtProvider(page, authorizeUrl).catch(() => {});
      for (let wait = 0; wait < 100 && !ticketUrl; wait++) await new Promise((resolve) => setTimeout(resolve, 100));
      return { ticketUrl };
    }

    await signInAtProvider(page, authorizeUrl);
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    if (process.env.CLICK) {
      // A button of the page landed on (e.g. a revocation on the sessions page), by its accessible name.
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: process.env.CLICK, exact: true }).click()]);
    }
    const text = await page.locator('main').innerText().catch(() => '');
    const status = lastResponse()?.status();
    if (process.env.APPROVE === '1') {
      await Promise.all([page.waitForURL((url) => url.origin === redirectOrigin), page.getByRole('button', { name: 'Approve' }).click()]);
    }

    return { status, url: page.url().split('?')[0], text, code };
  });
  listener?.close();
  console.log('RESULT ' + JSON.stringify(result));
  process.exit(0);
}

// MODE=sdk
const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { auth, UnauthorizedError } = await import('@modelcontextprotocol/sdk/client/auth.js');
const mcpUrl = new URL(process.env.MCP_URL);

let deliverCode;
const codeArrived = new Promise((resolve) => { deliverCode = resolve; });
const callback = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  response.writeHead(200, { 'content-type': 'text/plain' }).end('You can close this window.');
  if (url.pathname === '/callback') deliverCode(url.searchParams);
});
await new Promise((resolve) => callback.listen(0, '127.0.0.1', resolve));
const redirectUrl = `http://localhost:${callback.address().port}/callback`;

const store = {};
let authorizationUrl;
const provider = {
  get redirectUrl() { return redirectUrl; },
  get clientMetadata() {
    return { client_name: 'Team member laptop', redirect_uris: [redirectUrl], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  },
  state: () => 'state-' + Math.random().toString(36).slice(2),
  clientInformation: () => store.client,
  saveClientInformation: (info) => { store.client = info; },
  tokens: () => store.tokens,
  saveTokens: (tokens) => { store.tokens = tokens; },
  redirectToAuthorization: (url) => { authorizationUrl = url; },
  saveCodeVerifier: (verifier) => { store.verifier = verifier; },
  codeVerifier: () => store.verifier,
};
const claimsOf = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

await check('a bare 401 leads the SDK to the authorization endpoint', async () => {
  const client = new Client({ name: 'idp-test', version: '1.0.0' });
  await assert.rejects(client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })), UnauthorizedError);
  assert.ok(authorizationUrl, 'the SDK did not ask to open a sign-in page');
});

await check(`${login} signs in at the identity provider, sees their name on the consent page and approves`, async () => {
  await withBrowser(async (page) => {
    await signInAtProvider(page, authorizationUrl.href);
    assert.equal(new URL(page.url()).origin, mcpUrl.origin, `ended on ${page.url()}`);
    const text = await page.locator('main').innerText();
    assert.match(text, /Signed in with .+ as /);
    assert.ok(!(await page.locator('input[type=password]').count()), 'the API-key field is shown to a signed-in user');
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    await Promise.all([codeArrived, page.getByRole('button', { name: 'Approve' }).click()]);
  });
  const params = await codeArrived;
  assert.equal(params.get('state'), authorizationUrl.searchParams.get('state'));
  await new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }).finishAuth(params.get('code'));
  assert.ok(store.tokens.access_token && store.tokens.refresh_token);
  console.log('CLAIMS ' + JSON.stringify(claimsOf(store.tokens.access_token)));
});

await check('the signed-in client calls a tool', async () => {
  const client = new Client({ name: 'idp-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }));
  const result = await client.callTool({ name: 'list_campaigns', arguments: { limit: 2 } });
  assert.notEqual(result.isError, true);
  await client.close();
});

await check('the client refreshes and the new token still names the user', async () => {
  const before = store.tokens;
  assert.equal(await auth(provider, { serverUrl: mcpUrl }), 'AUTHORIZED');
  assert.notEqual(store.tokens.access_token, before.access_token);
  assert.equal(claimsOf(store.tokens.access_token).sub, claimsOf(before.access_token).sub);
  console.log('REFRESHED ' + JSON.stringify(claimsOf(store.tokens.access_token)));
});

const listTools = (url) => fetch(url, {
  method: 'POST',
  headers: { authorization: `Bearer ${store.tokens.access_token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
});

if (process.env.WAIT_FOR_REVOKE) {
  await check('before the revocation, the access token works on every instance', async () => {
    for (const url of process.env.WAIT_FOR_REVOKE.split(',')) {
      const response = await listTools(url);
      assert.equal(response.status, 200, `${url} answered ${response.status}`);
    }
  });
  console.log('WAITING revoke');
  const input = readline.createInterface({ input: process.stdin });
  await new Promise((resolve) => input.once('line', resolve));
  input.close();
  await check('after the operator revoked the session, the access token is refused on every instance', async () => {
    for (const url of process.env.WAIT_FOR_REVOKE.split(',')) {
      const response = await listTools(url);
      assert.equal(response.status, 401, `${url} answered ${response.status}`);
    }
  });
  await check('and its refresh token no longer works', async () => {
    const result = await auth(provider, { serverUrl: mcpUrl }).catch((error) => error.name);
    assert.notEqual(result, 'AUTHORIZED');
  });
}

callback.close();
console.log('all checks passed');
