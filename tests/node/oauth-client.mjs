// A remote MCP client that signs in on its own, as Claude, VS Code or Cursor do: the official TypeScript SDK's
// OAuth support (OAuthClientProvider + auth()) against the local host. It discovers everything from a bare 401,
// registers (Dynamic Client Registration, or a Client ID Metadata Document when CLIENT_METADATA_URL is set),
// opens the sign-in page, approves with the API key, receives the code on its own loopback callback server,
// calls tools, then refreshes. SIGN_IN=browser drives the page in headless Chromium (playwright-core pointed at
// CHROMIUM_PATH) and saves a screenshot to SCREENSHOT; SIGN_IN=form submits the page's form with fetch.
// Prints one line per check and exits non-zero on the first failure.
import assert from 'node:assert/strict';
import http from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { auth, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const mcpUrl = new URL(process.env.MCP_URL);
const apiKey = process.env.API_KEY;
const signIn = process.env.SIGN_IN ?? 'form';
const metadataUrl = process.env.CLIENT_METADATA_URL;

const check = async (name, body) => {
  await body();
  console.log(`ok - ${name}`);
};

// The client's own callback listener on loopback (RFC 8252 §7.3): the code arrives here.
let deliverCode;
const codeArrived = new Promise((resolve) => { deliverCode = resolve; });
const callback = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  response.writeHead(200, { 'content-type': 'text/plain' }).end('You can close this window.');
  if (url.pathname === '/callback') deliverCode(url.searchParams);
});
await new Promise((resolve) => callback.listen(Number(process.env.CALLBACK_PORT ?? 0), '127.0.0.1', resolve));
const redirectUrl = `http://localhost:${callback.address().port}/callback`;

const store = {};
let authorizationUrl;
const provider = {
  get redirectUrl() { return redirectUrl; },
  clientMetadataUrl: metadataUrl,
  get clientMetadata() {
    return { client_name: 'TypeScript SDK test client', redirect_uris: [redirectUrl], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
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

async function approveWithForm(url) {
  const page = await fetch(url, { redirect: 'manual' });
  assert.equal(page.status, 200, `sign-in page answered ${page.status}: ${await page.clone().text()}`);
  const html = await page.text();
  const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)]
    .map(([, name, value]) => [name, value.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>')]));
  const cookie = page.headers.get('set-cookie').split(';')[0];
  const submitted = await fetch(new URL(url.pathname, url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ ...fields, api_key: apiKey, decision: 'approve' }),
  });
  assert.equal(submitted.status, 303);
  await fetch(submitted.headers.get('location'));
}

async function approveInBrowser(url) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const response = await page.goto(url.href);
    assert.equal(response.status(), 200);
    await page.getByLabel("This server's API key").fill(apiKey);
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    await Promise.all([codeArrived, page.getByRole('button', { name: 'Approve' }).click()]);
  } finally {
    await browser.close();
  }
}

await check('a bare 401 leads the SDK through discovery and registration to the authorization endpoint', async () => {
  const client = new Client({ name: 'oauth-test', version: '1.0.0' });
  await assert.rejects(client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })), UnauthorizedError);
  assert.ok(authorizationUrl, 'the SDK did not ask to open a sign-in page');
  assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(authorizationUrl.searchParams.get('resource'), mcpUrl.href);
  if (metadataUrl) assert.equal(store.client?.client_id ?? authorizationUrl.searchParams.get('client_id'), metadataUrl);
  else assert.match(store.client.client_id, /^dcr_/);
});

await check(`the user approves on the sign-in page (${signIn}) and the code reaches the client's callback`, async () => {
  if (signIn === 'browser') await approveInBrowser(authorizationUrl);
  else await approveWithForm(authorizationUrl);
  const params = await codeArrived;
  assert.equal(params.get('iss'), new URL(mcpUrl.origin).href.replace(/\/$/, ''));
  assert.equal(params.get('state'), authorizationUrl.searchParams.get('state'));
  const transport = new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider });
  await transport.finishAuth(params.get('code'));
  assert.ok(store.tokens.access_token && store.tokens.refresh_token);
});

await check('the signed-in client lists tools and calls one', async () => {
  const client = new Client({ name: 'oauth-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }));
  const { tools } = await client.listTools();
  assert.ok(tools.some((tool) => tool.name === 'list_campaigns'));
  const result = await client.callTool({ name: 'list_campaigns', arguments: { limit: 2 } });
  assert.notEqual(result.isError, true);
  await client.close();
});

await check('the client refreshes on its own and keeps working', async () => {
  const before = store.tokens;
  assert.equal(await auth(provider, { serverUrl: mcpUrl }), 'AUTHORIZED');
  assert.notEqual(store.tokens.access_token, before.access_token);
  assert.notEqual(store.tokens.refresh_token, before.refresh_token);
  const client = new Client({ name: 'oauth-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }));
  await client.listTools();
  await client.close();
});

callback.close();
console.log('all checks passed');
