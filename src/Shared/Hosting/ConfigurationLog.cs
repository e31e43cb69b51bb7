using Microsoft.Extensions.Logging;

namespace CampaignMcp.Hosting;

/// <summary>Start-up configuration report, ids 1100-1199. Names settings, never their values.</summary>
public static partial class ConfigurationLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Campaign MCP server {Version} starting in {Environment}; authorization {AuthState}; token lifetime {LifetimeSeconds}s; issuer {Issuer}")]
    public static partial void Starting(ILogger logger, string version, string environment, string authState, long lifetimeSeconds, string issuer);

    // "error" in the text: the Functions host sets a worker's standard-error line to Error by that word (see WorkerLogging).
    [LoggerMessage(EventId = 1101, Level = LogLevel.Critical, Message = "Configuration error: {Problem}. Protected endpoints answer 503 until it is fixed")]
    public static partial void Misconfigured(ILogger logger, string problem);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Configuration warning: {Warning}")]
    public static partial void Warning(ILogger logger, string warning);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Development: API_KEY or MCP_JWT_SECRET was not set, so a random one was generated for this process and no client knows the key. "
        + "Set both in src/Functions/local.settings.json Values (or the environment) and restart: 'dotnet run --project src/Cli -- secrets --format local-settings > src/Functions/local.settings.json' writes a complete file")]
    public static partial void GeneratedDevelopmentCredentials(ILogger logger);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "{Setting} holds a Key Vault reference that did not resolve, so the app treats it as unset. "
        + "Check that the app's keyVaultReferenceIdentity holds Key Vault Secrets User on the vault, that the secret exists, and that the vault's network rules admit the app; "
        + "then restart the app so that the platform reads the secret again")]
    public static partial void UnresolvedKeyVaultReference(ILogger logger, string setting);
}
