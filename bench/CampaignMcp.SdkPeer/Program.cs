using CampaignMcp.Hosting;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.SdkPeer;
using CampaignMcp.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.Server;

// The official C# SDK server the benchmarks compare this project against (docs/benchmarks.md): Streamable HTTP,
// stateless, JwtBearer validating this project's access tokens, this project's tools and embedded store.
// Settings as for the local host: API_KEY, MCP_JWT_SECRET, MCP_PUBLIC_URL; --urls picks the address.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddCampaignMcp(builder.Configuration);

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenSettings, SigningKey>((options, tokens, keys) =>
{
    options.MapInboundClaims = false;
    options.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = tokens.Issuer,
        ValidAudience = tokens.Audience,
        IssuerSigningKeys = keys.Key is null
            ? throw new InvalidOperationException("MCP_JWT_SECRET is missing or weak: the peer validates this project's tokens with it.")
            : keys.ValidationKeys,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidTypes = [TokenIssuer.TokenType],
        ClockSkew = AccessTokenValidator.ClockSkew,
    };
});
// The scopes a list_campaigns call needs here; the SDK has no per-tool scopes, so this is the endpoint's policy.
builder.Services.AddAuthorizationBuilder().AddPolicy("mcp", policy => policy.RequireAssertion(context =>
    context.User.FindFirst(TokenIssuer.ScopeClaim)?.Value is { } scope
    && Scopes.Parse(scope).HasFlag(ScopeSet.ToolsCall | ScopeSet.CampaignsRead)));

builder.Services.AddMcpServer(options => options.ServerInfo = new() { Name = "campaign-mcp-sdk-peer", Version = "1.0.0" })
    .WithHttpTransport(options => options.Stateless = true);
// The SDK takes its tools from the container: one adapter per tool of this project, in tools/list order.
foreach (var name in (string[])[ListCampaignsTool.Name, GetCampaignTool.Name, CampaignPerformanceTool.Name, ExportCampaignsTool.Name])
{
    builder.Services.AddSingleton<McpServerTool>(services => new CampaignToolAdapter(services.GetRequiredService<ToolCatalog>().Find(name)!));
}

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapMcp("/mcp").RequireAuthorization("mcp");
await app.RunAsync();
