using CampaignMcp.LocalHost;

var app = LocalServer.Build(new LocalServerOptions { Args = args });
await app.RunAsync();
