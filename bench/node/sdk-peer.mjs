// The official TypeScript SDK server the benchmarks compare against (docs/benchmarks.md): Streamable HTTP, stateless
// (a server and transport per request, as the SDK's stateless example does), express, jose checking this project's
// access tokens, and list_campaigns over the same data set in the same order with the same output shape and cursors.
// tools/list answers this project's own tool definitions. Serves what the benchmark calls: list_campaigns with limit
// and cursor (filters and other sorts are not implemented here).
// Usage: node sdk-peer.mjs <fixture dir written by CampaignMcp.Benchmarks --emit-fixture> <port>
import { readFileSync } from 'node:fs';
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { jwtVerify } from 'jose';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, McpError, ErrorCode } from '@modelcontextprotocol/sdk/types.js';

const [fixture, port] = process.argv.slice(2);
const read = (name) => readFileSync(`${fixture}/${name}`, 'utf8');
const { secret, issuer, audience } = JSON.parse(read('token.json'));
const campaigns = JSON.parse(read('campaigns.json'));
const { tools } = JSON.parse(read('tools.json'));
const fingerprint = read('cursor-fingerprint.txt').trim();
const snapshot = read('cursor-snapshot.txt').trim();
const key = new TextEncoder().encode(secret);

// The cursor format of src/Shared/Campaigns/CampaignCursor.cs: base64url("c2.<offset>.<fingerprint>.<snapshot>.<check>").
const check = (offset) => createHash('sha256').update(`c2|${offset}|${fingerprint}|${snapshot}`).digest().subarray(0, 6).toString('base64url');
const makeCursor = (offset) => Buffer.from(`c2.${offset}.${fingerprint}.${snapshot}.${check(offset)}`).toString('base64url');
function readCursor(cursor) {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  const expected = parts.length === 5 ? Buffer.from(check(parts[1])) : Buffer.alloc(0);
  if (parts.length !== 5 || parts[0] !== 'c2' || !/^\d+$/.test(parts[1]) || parts[2] !== fingerprint || parts[3] !== snapshot
    || expected.length !== parts[4].length || !timingSafeEqual(expected, Buffer.from(parts[4]))) {
    throw new McpError(ErrorCode.InvalidParams, "'cursor' is not valid");
  }
  return Number(parts[1]);
}

function listCampaigns(args = {}) {
  const limit = args.limit ?? 25;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return { content: [{ type: 'text', text: "'limit' must be an integer from 1 to 100." }], isError: true };
  }
  const offset = args.cursor === undefined ? 0 : readCursor(args.cursor);
  const page = campaigns.slice(offset, offset + limit);
  const next = offset + page.length < campaigns.length ? makeCursor(offset + page.length) : null;
  const output = { campaigns: page, returned: page.length, total_matched: campaigns.length, next_cursor: next };
  return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
}

function newServer() {
  const server = new Server({ name: 'campaign-mcp-node-peer', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    if (request.params.name !== 'list_campaigns') {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool '${request.params.name}'.`);
    }
    return listCampaigns(request.params.arguments);
  });
  return server;
}

// RFC 6750 bearer check with the project's token rules: HS256 only, typ at+jwt, issuer, audience, scopes.
async function authorize(req, res, next) {
  const header = req.headers.authorization ?? '';
  const refuse = (description) => res.status(401)
    .set('WWW-Authenticate', `Bearer error="invalid_token", error_description="${description}"`)
    .json({ jsonrpc: '2.0', id: null, error: { code: -32001, message: description } });
  if (!header.startsWith('Bearer ')) return refuse('Missing bearer token');
  try {
    const { payload } = await jwtVerify(header.slice(7), key, { algorithms: ['HS256'], issuer, audience, typ: 'at+jwt', clockTolerance: 30 });
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    if (!scopes.includes('tools:call') || !scopes.includes('campaigns:read')) return refuse('Insufficient scope');
    next();
  } catch {
    refuse('Invalid token');
  }
}

const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/mcp', authorize, async (req, res) => {
  const server = newServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    transport.close();
    server.close();
  });
  try {
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch {
    if (!res.headersSent) res.status(500).json({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'Internal server error' } });
  }
});
app.listen(Number(port), '127.0.0.1', () => console.error(`node sdk peer on http://127.0.0.1:${port}/mcp`));
