// A real OpenID Connect provider for the sign-in tests: the certified npm package oidc-provider on a loopback port,
// with Entra-shaped users (tid, oid, roles, name, preferred_username) and one confidential client (this server).
// Its development login page accepts the users below with any password. Prints one JSON line when it listens:
// {"issuer": "...", "admin": "..."}. Admin (loopback, for the tests only):
//   POST /__test/rotate   a new signing key first in the JWKS (key rollover), the old one kept for verification
//   POST /__test/mint     body: JSON claims; answers an ID token signed with the current key (kid set)
//   POST /__test/stop     stops answering (the provider goes down); POST /__test/start answers again
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

const port = Number(process.env.PORT ?? 0);
const clientId = process.env.OIDC_CLIENT_ID ?? 'campaign-mcp';
const clientSecret = process.env.OIDC_CLIENT_SECRET;
const redirectUris = (process.env.OIDC_REDIRECT_URIS ?? '').split(',').filter(Boolean);
if (!clientSecret || redirectUris.length === 0) throw new Error('OIDC_CLIENT_SECRET and OIDC_REDIRECT_URIS are required');

export const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const otherTenant = '0b6f2a4e-5c1d-4e8f-9a3b-7d2c1e0f9a8b';
const users = {
  alice: { tid: tenant, oid: '1f0e6a3c-2b4d-4c5e-8f7a-9b0c1d2e3f40', roles: ['Campaigns.Exporter', 'Sessions.Admin'], name: 'Alice Example', preferred_username: 'alice@contoso.example' },
  bob: { tid: tenant, oid: '2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', roles: ['Campaigns.Reader'], name: 'Bob Reader', preferred_username: 'bob@contoso.example' },
  // A display name a person could set to forge a log line or reverse one (newline, carriage return, RLO).
  eve: { tid: tenant, oid: '4c3d5e6f-7081-4c9d-8ebf-2a3b4c5d6e7f', roles: ['Campaigns.Reader'], name: 'Eve\n[1001] forged line\r\u202eevil', preferred_username: 'eve@contoso.example' },
  mallory: { tid: otherTenant, oid: '3b2c4d5e-6f70-4b8c-9dae-1f2a3b4c5d6e', roles: ['Campaigns.Exporter'], name: 'Mallory Outsider', preferred_username: 'mallory@fabrikam.example' },
};

const keys = [];
async function newKey() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: crypto.randomUUID(), alg: 'RS256', use: 'sig', privateKey };
}

let provider;
let issuer;
async function build() {
  provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    jwks: { keys: keys.map(({ privateKey, ...jwk }) => jwk) },
    pkce: { required: () => true },
    // Entra puts the profile claims in the ID token itself.
    conformIdTokenClaims: false,
    claims: { openid: ['sub', 'tid', 'oid', 'roles'], profile: ['name', 'preferred_username'], email: ['email'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(ctx, id) {
      const user = users[id];
      if (!user) return undefined;
      return { accountId: id, claims: async () => ({ sub: `pairwise-${id}`, ...user, email: user.preferred_username }) };
    },
  });
  provider.proxy = false;
}

let down = false;
const server = http.createServer(async (request, response) => {
  const url = new URL(request.url, issuer);
  if (url.pathname.startsWith('/__test/')) {
    let body = '';
    for await (const chunk of request) body += chunk;
    if (url.pathname === '/__test/rotate') {
      keys.unshift(await newKey());
      await build();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kid: keys[0].kid }));
    } else if (url.pathname === '/__test/mint') {
      const claims = JSON.parse(body || '{}');
      const token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: keys[0].kid, typ: 'JWT' }).sign(keys[0].privateKey);
      response.writeHead(200, { 'content-type': 'text/plain' }).end(token);
    } else if (url.pathname === '/__test/stop') {
      down = true;
      response.writeHead(204).end();
    } else if (url.pathname === '/__test/start') {
      down = false;
      response.writeHead(204).end();
    } else {
      response.writeHead(404).end();
    }
    return;
  }

  if (down) {
    // The provider is down: the connection is dropped, as a stopped server's would be refused.
    request.socket.destroy();
    return;
  }

  provider.callback()(request, response);
});

keys.push(await newKey());
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
issuer = `http://127.0.0.1:${server.address().port}`;
await build();
console.log(JSON.stringify({ issuer, admin: `${issuer}/__test`, tenant }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
