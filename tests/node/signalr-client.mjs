// Drives the MCP hub through the local host's negotiate function and SignalR Service stand-in with
// the official JavaScript SignalR client (npm @microsoft/signalr). Run by tests/Functional.Tests
// (SignalRJavaScriptClientTests). Midway it prints "WAITING expire" and reads one line from stdin,
// while the test moves the server's clock past the token's expiry.
import assert from 'node:assert/strict';
import { createInterface } from 'node:readline';
import * as signalR from '@microsoft/signalr';

const hubUrl = process.env.HUB_URL;
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
let nextId = 0;

async function connect(token, transport = signalR.HttpTransportType.WebSockets) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(hubUrl, { accessTokenFactory: () => token, transport })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  await connection.start();
  return connection;
}

async function request(connection, method, params) {
  const id = ++nextId;
  const reply = JSON.parse(await connection.invoke('jsonrpc', JSON.stringify({ jsonrpc: '2.0', id, method, params })));
  assert.equal(reply.id, id);
  return reply;
}

const check = async (name, body) => {
  await body();
  console.log(`ok - ${name}`);
};

for (const [name, transport] of Object.entries({ WebSockets: signalR.HttpTransportType.WebSockets, ServerSentEvents: signalR.HttpTransportType.ServerSentEvents, LongPolling: signalR.HttpTransportType.LongPolling })) {
  const connection = await connect(process.env.TOKEN_FULL, transport);
  await check(`${name}: initialize, tools/list and every tool`, async () => {
    const init = await request(connection, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'js', version: '1' } });
    assert.equal(init.result.protocolVersion, '2025-06-18');
    const tools = (await request(connection, 'tools/list')).result.tools.map((t) => t.name).sort();
    assert.deepEqual(tools, ['campaign_performance', 'export_campaigns', 'get_campaign', 'list_campaigns']);
    const list = await request(connection, 'tools/call', { name: 'list_campaigns', arguments: { channel: 'social', limit: 2 } });
    assert.equal(list.result.structuredContent.campaigns.length, 2);
    const one = await request(connection, 'tools/call', { name: 'get_campaign', arguments: { id: 'cmp-0200' } });
    assert.equal(one.result.structuredContent.campaign.id, 'cmp-0200');
    const perf = await request(connection, 'tools/call', { name: 'campaign_performance', arguments: { group_by: 'channel' } });
    assert.equal(perf.result.structuredContent.groups.length, 5);
    const csv = await request(connection, 'tools/call', { name: 'export_campaigns', arguments: { max_rows: 3 } });
    assert.match(csv.result.content[1].resource.text, /^id,name,/);
  });
  await connection.stop();
}

const limited = await connect(process.env.TOKEN_READ_CALL);
await check('scope denial: export without campaigns:export is -32004', async () => {
  const denied = await request(limited, 'tools/call', { name: 'export_campaigns', arguments: {} });
  assert.equal(denied.error.code, -32004);
  assert.deepEqual(denied.error.data.required, ['campaigns:export']);
});
await limited.stop();

await check('negotiate without a token is refused', async () => {
  await assert.rejects(() => connect(undefined), /401|Unauthorized/);
});

const expiring = await connect(process.env.TOKEN_FULL);
await request(expiring, 'tools/list');
console.log('WAITING expire');
await lines.next();
await check('a call after the MCP token expired is -32003 expired', async () => {
  const refused = await request(expiring, 'tools/list');
  assert.equal(refused.error.code, -32003);
  assert.equal(refused.error.data.reason, 'expired');
});
await expiring.stop();

console.log('all checks passed');
process.exit(0);
