using CampaignMcp.Hosting;
using CampaignMcp.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Benchmarks;

/// <summary>The app's real service graph with production-like settings: auth on, a 256-bit secret.</summary>
public static class BenchmarkServices
{
    public const string Secret = "7f3a9c2e5b8d1f4a6c0e9b2d5f8a1c4e7b0d3f6a9c2e5b8d1f4a7c0e3b6d9f2a";
    public const string AccessKey = "bench-access-key-0123456789abcdefghijklmnopqrstuv";
    public const string PublicUrl = "https://campaign-mcp.example.net";

    public static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NODE_ENV"] = "production",
            ["API_KEY"] = "4f9c2a7e1b6d3f8a0c5e9b2d7f4a1c6e",
            ["MCP_JWT_SECRET"] = Secret,
            ["MCP_PUBLIC_URL"] = PublicUrl,
            ["AzureSignalRConnectionString"] = $"Endpoint=https://bench.service.signalr.net;AccessKey={AccessKey};Version=1.0;",
        }).Build();
        var services = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddCampaignMcp(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// The library baseline: IdentityModel's validation parameters for the checks this server makes (HS256 pinned,
    /// signature with the key its kid names, iss, aud, typ), as the validator used them before it read tokens itself.
    /// </summary>
    public static TokenValidationParameters LibraryParameters(IServiceProvider services)
    {
        var settings = services.GetRequiredService<TokenSettings>();
        return new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = settings.Issuer,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = false,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = services.GetRequiredService<SigningKey>().ValidationKeys,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [TokenIssuer.TokenType],
            ValidateTokenReplay = false,
            SaveSigninToken = false,
        };
    }

    public static string Token(IServiceProvider services) =>
        services.GetRequiredService<TokenIssuer>().Issue("claude", Scopes.All).AccessToken;
}
