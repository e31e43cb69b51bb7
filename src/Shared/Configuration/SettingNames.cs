namespace CampaignMcp.Configuration;

/// <summary>
/// Every setting the app reads, by the name it has in the environment, Azure App Settings and
/// <c>local.settings.json</c>. The first seven are the original Node server's names, kept unchanged.
/// </summary>
public static class SettingNames
{
    public const string NodeEnv = "NODE_ENV";
    public const string ApiKey = "API_KEY";
    public const string JwtSecret = "MCP_JWT_SECRET";
    public const string AuthEnabled = "MCP_AUTH_ENABLED";
    public const string TokenExpiry = "MCP_TOKEN_EXPIRY";
    public const string AllowedClients = "MCP_ALLOWED_CLIENTS";
    public const string CorsOrigin = "MCP_CORS_ORIGIN";

    /// <summary>Optional overrides of the token's <c>iss</c> and <c>aud</c>.</summary>
    public const string JwtIssuer = "MCP_JWT_ISSUER";
    public const string JwtAudience = "MCP_JWT_AUDIENCE";

    /// <summary>
    /// Secrets that signed tokens before the current <c>MCP_JWT_SECRET</c>: still accepted for validation
    /// (selected by <c>kid</c>), never used to sign. Comma-separated. Remove one to retire it.
    /// </summary>
    public const string JwtPreviousSecrets = "MCP_JWT_PREVIOUS_SECRETS";

    /// <summary>Refresh tokens on (default) or off, and how long each one lives (default 30d).</summary>
    public const string RefreshTokensEnabled = "MCP_REFRESH_TOKENS_ENABLED";
    public const string RefreshTokenExpiry = "MCP_REFRESH_TOKEN_EXPIRY";

    /// <summary>How long a rotated refresh token may be retried for the same successor (default 60s, 0 turns it off).</summary>
    public const string RefreshTokenReuseGrace = "MCP_REFRESH_TOKEN_REUSE_GRACE";

    /// <summary>Failed API-key attempts allowed per address and per client id within the window (default 10 in 5m; 0 turns the limit off).</summary>
    public const string LockoutMaxFailures = "MCP_LOCKOUT_MAX_FAILURES";
    public const string LockoutWindow = "MCP_LOCKOUT_WINDOW";

    /// <summary>
    /// The one request header that the proxy in front of the app sets to the caller's address (for example
    /// <c>X-Azure-ClientIP</c> behind Front Door). Unset: the connection's address. See <c>Http.ClientAddressSettings</c>.
    /// </summary>
    public const string ClientIpHeader = "MCP_CLIENT_IP_HEADER";

    /// <summary>The app's public base URL when it cannot be derived from the platform.</summary>
    public const string PublicUrl = "MCP_PUBLIC_URL";

    /// <summary>Azure SignalR Service connection string, the name the official SignalR bindings use.</summary>
    public const string AzureSignalRConnectionString = "AzureSignalRConnectionString";

    /// <summary>
    /// Local host only: the key function-level functions (the SignalR message handler) require in <c>code</c> or
    /// <c>x-functions-key</c>, as the Functions host requires its function keys. Unset: a fresh one per run.
    /// </summary>
    public const string LocalFunctionKey = "MCP_LOCAL_FUNCTION_KEY";

    /// <summary>Internal: set by the local host when the connection string points at its own stand-in.</summary>
    public const string SignalRLocalStandIn = "MCP_SIGNALR_LOCAL_STAND_IN";

    /// <summary>
    /// Local host only: how the app authenticates to its SignalR stand-in, <c>access_key</c> (default) or <c>entra</c>
    /// (a local token endpoint stands in for Microsoft Entra ID and the managed identity).
    /// </summary>
    public const string SignalRLocalAuth = "MCP_SIGNALR_LOCAL_AUTH";

    /// <summary>
    /// The service's managed-identity upstream token: when the audience is set, every upstream call must carry a
    /// bearer token with this <c>aud</c> (the upstream's <c>managedIdentity.resource</c>), this <c>iss</c>, and a
    /// signature by a key from the keys URL (default: Microsoft Entra ID's published keys).
    /// </summary>
    public const string SignalRUpstreamAudience = "MCP_SIGNALR_UPSTREAM_AUDIENCE";
    public const string SignalRUpstreamIssuer = "MCP_SIGNALR_UPSTREAM_ISSUER";
    public const string SignalRUpstreamKeysUrl = "MCP_SIGNALR_UPSTREAM_KEYS_URL";

    /// <summary>Where campaigns and token state live: <c>embedded</c> (in memory, the default) or <c>table</c> (Azure Table Storage).</summary>
    public const string Store = "MCP_STORE";

    /// <summary>
    /// The Table Storage connection: a connection string, or the prefix of an identity-based connection
    /// (<c>MCP_STORAGE_CONNECTION__tableServiceUri</c> or <c>__accountName</c>, with <c>__credential</c> and
    /// <c>__clientId</c>). Unset: <see cref="AzureWebJobsStorage"/> is used.
    /// </summary>
    public const string StorageConnection = "MCP_STORAGE_CONNECTION";

    /// <summary>Letters and digits put before every table name (default <c>mcp</c>), so that apps or tests can share an account.</summary>
    public const string StorageTablePrefix = "MCP_STORAGE_TABLE_PREFIX";

    /// <summary>The Functions host's own storage connection, the fallback for <see cref="StorageConnection"/>.</summary>
    public const string AzureWebJobsStorage = "AzureWebJobsStorage";

    /// <summary>
    /// Development only: lets Client ID Metadata Document fetches reach private, loopback and link-local
    /// addresses (default false). Start-up refuses it in production.
    /// </summary>
    public const string OAuthAllowPrivateClientMetadata = "MCP_OAUTH_ALLOW_PRIVATE_CLIENT_METADATA";

    /// <summary>Dynamic Client Registrations allowed per caller address per hour (default 20; 0 turns the limit off).</summary>
    public const string OAuthRegistrationLimit = "MCP_OAUTH_REGISTRATION_LIMIT";

    /// <summary>
    /// Sign-in with the organization's OpenID Connect provider: its issuer (e.g.
    /// <c>https://login.microsoftonline.com/{tenant}/v2.0</c>), this app's client id there, and its client secret.
    /// Without a secret, <see cref="OidcManagedIdentityClientId"/> names the user-assigned managed identity whose
    /// token is the client assertion (a federated identity credential of the app registration).
    /// </summary>
    public const string OidcIssuer = "MCP_OIDC_ISSUER";
    public const string OidcClientId = "MCP_OIDC_CLIENT_ID";
    public const string OidcClientSecret = "MCP_OIDC_CLIENT_SECRET";
    public const string OidcManagedIdentityClientId = "MCP_OIDC_MANAGED_IDENTITY_CLIENT_ID";

    /// <summary>The provider's name on the sign-in page ("Sign in with …"); default from the issuer.</summary>
    public const string OidcDisplayName = "MCP_OIDC_DISPLAY_NAME";

    /// <summary>Who may sign in: tenant ids, e-mail domains (<c>@example.com</c>), <c>role:Name</c>, <c>group:id</c>.</summary>
    public const string OidcAllowed = "MCP_OIDC_ALLOWED";

    /// <summary>Which scopes each app role grants: <c>Role=scope,scope;Role2=scope</c>.</summary>
    public const string OidcRoleScopes = "MCP_OIDC_ROLE_SCOPES";

    /// <summary>How people sign in on the sign-in page: <c>idp</c>, <c>apikey</c> or both (comma-separated).</summary>
    public const string SignInMethods = "MCP_SIGNIN_METHODS";

    /// <summary>Set by the Azure App Service / Functions platform; read, never written.</summary>
    public const string WebsiteSiteName = "WEBSITE_SITE_NAME";
    public const string WebsiteHostname = "WEBSITE_HOSTNAME";
    public const string AzureFunctionsEnvironment = "AZURE_FUNCTIONS_ENVIRONMENT";
}
