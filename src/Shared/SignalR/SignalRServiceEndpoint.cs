using System.Diagnostics.CodeAnalysis;

namespace CampaignMcp.SignalR;

/// <summary>
/// An Azure SignalR Service endpoint from its connection string, with optional <c>Port</c>,
/// <c>ClientEndpoint</c> and <c>ServerEndpoint</c>. Keys are case-insensitive; <c>Port</c> replaces the
/// endpoint's port. Three forms, as the SDKs parse them:
/// <c>Endpoint=…;AccessKey=&lt;key&gt;;Version=1.0;</c>,
/// <c>Endpoint=…;AuthType=azure.msi[;ClientId=&lt;user-assigned client id&gt;];Version=1.0;</c> and
/// <c>Endpoint=…;AuthType=azure.app;ClientId=…;TenantId=…;ClientSecret=…;Version=1.0;</c> (<c>aad</c> is the
/// older name of both). https://learn.microsoft.com/azure/azure-signalr/concept-connection-string
/// </summary>
public sealed class SignalRServiceEndpoint
{
    public const string RestApiVersion = "2022-06-01";

    /// <summary>The Microsoft Entra resource whose token the service's access-key API takes (the SDKs' scope is this plus <c>/.default</c>).</summary>
    public const string EntraResource = "https://signalr.azure.com";

    private SignalRServiceEndpoint(Uri endpoint, Uri? clientEndpoint, Uri? serverEndpoint)
    {
        Endpoint = endpoint;
        ClientEndpoint = clientEndpoint;
        ServerEndpoint = serverEndpoint;
    }

    public Uri Endpoint { get; }

    public SignalRAuthKind Auth { get; private init; }

    /// <summary>The service's key: only with <see cref="SignalRAuthKind.AccessKey"/>.</summary>
    public string? AccessKey { get; private init; }

    /// <summary>The user-assigned identity's or the application's client id; null for a system-assigned identity.</summary>
    public string? ClientId { get; private init; }

    public string? TenantId { get; private init; }

    public string? ClientSecret { get; private init; }

    /// <summary>Health's name for <see cref="Auth"/>.</summary>
    public string AuthMode => Auth switch
    {
        SignalRAuthKind.ManagedIdentity => "microsoft_entra_managed_identity",
        SignalRAuthKind.Application => "microsoft_entra_application",
        _ => "access_key",
    };

    /// <summary>
    /// Where an Entra-authenticated app server trades its Microsoft Entra token for a temporary access key
    /// (<c>GET</c>, bearer token, answer <c>{"KeyId", "AccessKey"}</c>), as the Microsoft.Azure.SignalR SDK does.
    /// </summary>
    public string AccessKeyUrl => $"{Base(ServerEndpoint ?? Endpoint)}/api/v1/auth/accessKey";

    public Uri? ClientEndpoint { get; }

    public Uri? ServerEndpoint { get; }

    /// <summary>Where clients connect: the negotiate response's <c>url</c>.</summary>
    public string ClientUrl(string hub) => $"{Base(ClientEndpoint ?? Endpoint)}/client/?hub={hub.ToLowerInvariant()}";

    /// <summary>The <c>aud</c> of client access tokens: the client URL of <see cref="Endpoint"/> without its port.</summary>
    public string ClientAudience(string hub) => $"{WithoutPort(Endpoint)}/client/?hub={hub.ToLowerInvariant()}";

    /// <summary>Data-plane REST URL, e.g. <c>/connections/{id}/:send</c> (signalr-reference-data-plane-rest-api).</summary>
    public string RestUrl(string hub, string path) =>
        $"{Base(ServerEndpoint ?? Endpoint)}/api/hubs/{Uri.EscapeDataString(hub.ToLowerInvariant())}{path}?api-version={RestApiVersion}";

    /// <summary>
    /// The <c>aud</c> of a REST call's token: its URL without port, as the official management SDK signs it
    /// (the service compares scheme, host and path).
    /// </summary>
    public string RestAudience(string hub, string path) =>
        $"{WithoutPort(ServerEndpoint ?? Endpoint)}/api/hubs/{Uri.EscapeDataString(hub.ToLowerInvariant())}{path}?api-version={RestApiVersion}";

    /// <summary>The host name only, for health and logs (never the key).</summary>
    public string DisplayName => Endpoint.GetLeftPart(UriPartial.Authority);

    public static bool TryParse(string connectionString, [NotNullWhen(true)] out SignalRServiceEndpoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"has an entry without '=' (expected Key=Value pairs separated by ';')";
                return false;
            }

            if (!values.TryAdd(part[..equals].Trim(), part[(equals + 1)..].Trim()))
            {
                error = $"names '{part[..equals].Trim()}' twice";
                return false;
            }
        }

        if (!values.TryGetValue("Endpoint", out var endpointText) || !TryHttpUri(endpointText, out var uri))
        {
            error = "needs Endpoint=https://<name>.service.signalr.net";
            return false;
        }

        if (!TryAuth(values, out var auth, out error))
        {
            return false;
        }

        if (values.TryGetValue("Version", out var version) && !version.StartsWith("1.", StringComparison.Ordinal))
        {
            error = $"has Version={version}; only 1.x is supported";
            return false;
        }

        if (values.TryGetValue("Port", out var portText))
        {
            if (!int.TryParse(portText, out var port) || port is < 1 or > 65535)
            {
                error = "has a Port that is not a number from 1 to 65535";
                return false;
            }

            uri = new UriBuilder(uri) { Port = port }.Uri;
        }

        Uri? client = null;
        Uri? server = null;
        if (values.TryGetValue("ClientEndpoint", out var clientText) && !TryHttpUri(clientText, out client))
        {
            error = "has a ClientEndpoint that is not an absolute http(s) URL";
            return false;
        }

        if (values.TryGetValue("ServerEndpoint", out var serverText) && !TryHttpUri(serverText, out server))
        {
            error = "has a ServerEndpoint that is not an absolute http(s) URL";
            return false;
        }

        endpoint = new SignalRServiceEndpoint(uri, client, server)
        {
            Auth = auth,
            AccessKey = values.GetValueOrDefault("AccessKey"),
            ClientId = NonEmpty(values.GetValueOrDefault("ClientId")),
            TenantId = NonEmpty(values.GetValueOrDefault("TenantId")),
            ClientSecret = NonEmpty(values.GetValueOrDefault("ClientSecret")),
        };
        error = null;
        return true;
    }

    /// <summary>
    /// The identity-based form the Functions SignalR extension documents: <c>AzureSignalRConnectionString__serviceUri</c>
    /// with <c>__credential=managedidentity</c> and an optional <c>__clientId</c>, or <c>__clientId</c>,
    /// <c>__tenantId</c> and <c>__clientSecret</c> for a service principal.
    /// https://learn.microsoft.com/azure/azure-functions/functions-bindings-signalr-service#identity-based-connections
    /// </summary>
    public static bool TryFromIdentitySettings(string serviceUri, string? credential, string? clientId, string? tenantId, string? clientSecret, [NotNullWhen(true)] out SignalRServiceEndpoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        if (!TryHttpUri(serviceUri.Trim(), out var uri))
        {
            error = "__serviceUri is not an absolute http(s) URL";
            return false;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Endpoint"] = uri.AbsoluteUri };
        if (string.Equals(credential?.Trim(), "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            values["AuthType"] = "azure.msi";
        }
        else if (!string.IsNullOrWhiteSpace(credential))
        {
            error = "__credential takes only 'managedidentity'";
            return false;
        }
        else if (!string.IsNullOrWhiteSpace(tenantId) || !string.IsNullOrWhiteSpace(clientSecret))
        {
            values["AuthType"] = "azure.app";
        }
        else
        {
            // DefaultAzureCredential would pick whatever sign-in the machine has: never what a server should run as.
            error = "__serviceUri needs __credential=managedidentity, or __clientId, __tenantId and __clientSecret";
            return false;
        }

        foreach (var (name, value) in new[] { ("ClientId", clientId), ("TenantId", tenantId), ("ClientSecret", clientSecret) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[name] = value.Trim();
            }
        }

        if (!TryAuth(values, out var auth, out _))
        {
            error = "__clientId, __tenantId and __clientSecret are all needed for a service principal, and a managed identity takes no __clientSecret";
            return false;
        }

        endpoint = new SignalRServiceEndpoint(uri, null, null)
        {
            Auth = auth,
            ClientId = NonEmpty(values.GetValueOrDefault("ClientId")),
            TenantId = NonEmpty(values.GetValueOrDefault("TenantId")),
            ClientSecret = NonEmpty(values.GetValueOrDefault("ClientSecret")),
        };
        error = null;
        return true;
    }

    private static bool TryAuth(Dictionary<string, string> values, out SignalRAuthKind auth, [NotNullWhen(false)] out string? error)
    {
        auth = SignalRAuthKind.AccessKey;
        error = null;
        var hasSecret = values.TryGetValue("ClientSecret", out var secret) && secret.Length > 0;
        var hasTenant = values.TryGetValue("TenantId", out var tenant) && tenant.Length > 0;
        if (!values.TryGetValue("AuthType", out var type))
        {
            if (!values.TryGetValue("AccessKey", out var accessKey) || accessKey.Length == 0)
            {
                error = "needs AccessKey=<key>, or AuthType=azure.msi for a managed identity";
                return false;
            }

            return true;
        }

        if (values.ContainsKey("AccessKey"))
        {
            error = "has both AccessKey and AuthType; keep one";
            return false;
        }

        switch (type.ToLowerInvariant())
        {
            case "azure.msi":
                auth = SignalRAuthKind.ManagedIdentity;
                break;
            case "azure.app":
                auth = SignalRAuthKind.Application;
                break;
            case "aad":
                // The SDKs' older name: a service principal when a tenant is named, else a managed identity.
                auth = hasTenant ? SignalRAuthKind.Application : SignalRAuthKind.ManagedIdentity;
                break;
            case "azure":
                error = "has AuthType=azure (DefaultAzureCredential), which would run as whatever sign-in the machine has; use azure.msi or azure.app";
                return false;
            default:
                error = $"has AuthType={type}; supported: azure.msi, azure.app";
                return false;
        }

        if (auth == SignalRAuthKind.Application && (!values.TryGetValue("ClientId", out var clientId) || clientId.Length == 0 || !hasTenant || !hasSecret))
        {
            error = "needs ClientId=, TenantId= and ClientSecret= with AuthType=azure.app (ClientCert is not supported)";
            return false;
        }

        if (auth == SignalRAuthKind.ManagedIdentity && (hasSecret || values.ContainsKey("ClientCert")))
        {
            error = "has a ClientSecret or ClientCert with AuthType=azure.msi; a managed identity has none";
            return false;
        }

        return true;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool TryHttpUri(string text, [NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string Base(Uri uri) => uri.AbsoluteUri.TrimEnd('/');

    private static string WithoutPort(Uri uri) => $"{uri.Scheme}://{uri.Host}{uri.AbsolutePath.TrimEnd('/')}";
}
