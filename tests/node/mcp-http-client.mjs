// Drives the local host's Streamable HTTP endpoint with the official MCP TypeScript SDK client.
// Run by tests/Functional.Tests (McpTypeScriptClientTests) with the endpoint and tokens in the environment;
// prints one line per check and exits non-zero on the first failure.
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';

const endpoint = new URL(process.env.MCP_URL);
const tokens = {
  full: process.env.TOKEN_FULL,
  readAndCall: process.env.TOKEN_READ_CALL,
  readOnly: process.env.TOKEN_READ_ONLY,
  expired: process.env.TOKEN_EXPIRED,
};

async function connect(token) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const client = new Client({ name: 'campaign-mcp-node-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(endpoint, { requestInit: { headers } }));
  return client;
}

async function refused(action, status) {
  await assert.rejects(action, (error) => {
    const text = `${error?.code ?? ''} ${error?.message ?? error}`;
    assert.match(text, new RegExp(`${status}|-3200[134]`), `expected a ${status} refusal, got: ${text}`);
    return true;
  });
}

const check = async (name, body) => {
  await body();
  console.log(`ok - ${name}`);
};

const full = await connect(tokens.full);
await check('negotiates a protocol version and names the server', async () => {
  assert.equal(full.getServerVersion().name, 'campaign-mcp');
});

await check('lists the four tools', async () => {
  const { tools } = await full.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), ['campaign_performance', 'export_campaigns', 'get_campaign', 'list_campaigns']);
});

// Once tools/list has been read, the SDK's callTool validates every structuredContent against the tool's
// outputSchema and throws when it does not conform, so each structured call below is also a schema check.
await check('tools with structured results declare an outputSchema that refuses anything else', async () => {
  const { tools } = await full.listTools();
  assert.deepEqual(tools.filter((t) => t.outputSchema).map((t) => t.name).sort(), ['campaign_performance', 'get_campaign', 'list_campaigns']);
  const validate = new AjvJsonSchemaValidator().getValidator(tools.find((t) => t.name === 'list_campaigns').outputSchema);
  const page = (await full.callTool({ name: 'list_campaigns', arguments: { limit: 2 } })).structuredContent;
  assert.equal(validate(page).valid, true);
  assert.equal(validate({ ...page, total_matched: 'many' }).valid, false);
  assert.equal(validate({ ...page, page: 2 }).valid, false);
  const { next_cursor: _, ...withoutCursor } = page;
  assert.equal(validate(withoutCursor).valid, false);
  assert.equal(validate({ ...page, campaigns: [{ ...page.campaigns[0], status: 'archived' }] }).valid, false);
});

await check('get_campaign with null metrics conforms to its outputSchema', async () => {
  const drafts = await full.callTool({ name: 'list_campaigns', arguments: { status: 'draft', limit: 1 } });
  const result = await full.callTool({ name: 'get_campaign', arguments: { id: drafts.structuredContent.campaigns[0].id } });
  assert.equal(result.structuredContent.metrics.roas, null);
});

await check('list_campaigns pages with a cursor', async () => {
  const first = await full.callTool({ name: 'list_campaigns', arguments: { channel: 'video', limit: 3 } });
  assert.equal(first.isError, undefined);
  assert.equal(first.structuredContent.campaigns.length, 3);
  const second = await full.callTool({ name: 'list_campaigns', arguments: { channel: 'video', limit: 3, cursor: first.structuredContent.next_cursor } });
  assert.notEqual(second.structuredContent.campaigns[0].id, first.structuredContent.campaigns[0].id);
});

await check('get_campaign returns derived metrics', async () => {
  const result = await full.callTool({ name: 'get_campaign', arguments: { id: 'cmp-0010' } });
  assert.equal(result.structuredContent.campaign.id, 'cmp-0010');
  assert.ok('roas' in result.structuredContent.metrics);
});

await check('campaign_performance groups by month', async () => {
  const result = await full.callTool({ name: 'campaign_performance', arguments: { group_by: 'month', channel: ['email', 'social'] } });
  assert.ok(result.structuredContent.groups.length >= 12);
  assert.match(result.structuredContent.groups[0].key, /^\d{4}-\d{2}$/);
});

await check('export_campaigns returns CSV as an embedded resource', async () => {
  const result = await full.callTool({ name: 'export_campaigns', arguments: { channel: 'display', max_rows: 20 } });
  const resource = result.content.find((c) => c.type === 'resource').resource;
  assert.equal(resource.mimeType, 'text/csv');
  assert.match(resource.text, /^id,name,status,channel,/);
});

await check('bad input is an isError result', async () => {
  const result = await full.callTool({ name: 'get_campaign', arguments: { id: 'cmp-9999' } });
  assert.equal(result.isError, true);
  assert.match(result.content[0].text, /No campaign has id 'cmp-9999'/);
});

await check('resources and prompts answer', async () => {
  const { resourceTemplates } = await full.listResourceTemplates();
  assert.equal(resourceTemplates[0].uriTemplate, 'campaign://{id}');
  const read = await full.readResource({ uri: 'campaign://cmp-0003' });
  assert.equal(JSON.parse(read.contents[0].text).campaign.id, 'cmp-0003');
  const prompt = await full.getPrompt({ name: 'review_campaign_performance', arguments: { channel: 'search' } });
  assert.match(prompt.messages[0].content.text, /search channel/);
});
await full.close();

await check('no token: refused with 401', () => refused(() => connect(undefined), 401));
await check('expired token: refused with 401', () => refused(() => connect(tokens.expired), 401));

const readOnly = await connect(tokens.readOnly);
await check('token without tools:call: no tools listed, call refused with 403', async () => {
  assert.deepEqual((await readOnly.listTools()).tools, []);
  await refused(() => readOnly.callTool({ name: 'list_campaigns', arguments: {} }), 403);
});
await readOnly.close();

const readAndCall = await connect(tokens.readAndCall);
await check('token without campaigns:export: export refused with 403', async () => {
  await refused(() => readAndCall.callTool({ name: 'export_campaigns', arguments: {} }), 403);
});
await readAndCall.close();

console.log('all checks passed');
