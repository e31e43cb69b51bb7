using System.Diagnostics.CodeAnalysis;

namespace CampaignMcp.SignalR;

/// <summary>
/// An Azure SignalR Service endpoint from its connection string,
/// <c>Endpoint=https://&lt;name&gt;.service.signalr.net;AccessKey=&lt;key&gt;;Version=1.0;</c> with optional
/// <c>Port</c>, <c>ClientEndpoint</c> and <c>ServerEndpoint</c>. Keys are case-insensitive; <c>Port</c>
/// replaces the endpoint's port. Only access-key authentication is supported (no <c>AuthType</c>).
/// https://learn.microsoft.com/azure/azure-signalr/concept-connection-string
/// </summary>
public sealed class SignalRServiceEndpoint
{
    public const string RestApiVersion = "2022-06-01";

    private SignalRServiceEndpoint(Uri endpoint, string accessKey, Uri? clientEndpoint, Uri? serverEndpoint)
    {
        Endpoint = endpoint;
        AccessKey = accessKey;
        ClientEndpoint = clientEndpoint;
        ServerEndpoint = serverEndpoint;
    }

    public Uri Endpoint { get; }

    public string AccessKey { get; }

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

        if (values.ContainsKey("AuthType"))
        {
            error = "uses AuthType; only AccessKey connection strings are supported";
            return false;
        }

        if (!values.TryGetValue("Endpoint", out var endpointText) || !TryHttpUri(endpointText, out var uri))
        {
            error = "needs Endpoint=https://<name>.service.signalr.net";
            return false;
        }

        if (!values.TryGetValue("AccessKey", out var accessKey) || accessKey.Length == 0)
        {
            error = "needs AccessKey=<key>";
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

        endpoint = new SignalRServiceEndpoint(uri, accessKey, client, server);
        error = null;
        return true;
    }

    private static bool TryHttpUri(string text, [NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string Base(Uri uri) => uri.AbsoluteUri.TrimEnd('/');

    private static string WithoutPort(Uri uri) => $"{uri.Scheme}://{uri.Host}{uri.AbsolutePath.TrimEnd('/')}";
}
