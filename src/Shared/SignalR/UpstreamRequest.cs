using Microsoft.AspNetCore.Http;

namespace CampaignMcp.SignalR;

/// <summary>
/// The <c>X-ASRS-*</c> headers of one upstream call from the service.
/// https://learn.microsoft.com/azure/azure-signalr/concept-upstream#request-headers
/// </summary>
public sealed record UpstreamRequest(
    string ConnectionId,
    string Hub,
    string Category,
    string Event,
    string? UserId,
    IReadOnlyDictionary<string, string> Claims,
    string? Signature)
{
    public const string ConnectionIdHeader = "X-ASRS-Connection-Id";
    public const string HubHeader = "X-ASRS-Hub";
    public const string CategoryHeader = "X-ASRS-Category";
    public const string EventHeader = "X-ASRS-Event";
    public const string UserIdHeader = "X-ASRS-User-Id";
    public const string UserClaimsHeader = "X-ASRS-User-Claims";
    public const string ClientQueryHeader = "X-ASRS-Client-Query";
    public const string SignatureHeader = "X-ASRS-Signature";

    public const string ConnectionsCategory = "connections";
    public const string MessagesCategory = "messages";
    public const string ConnectedEvent = "connected";
    public const string DisconnectedEvent = "disconnected";

    public static UpstreamRequest? FromHeaders(IHeaderDictionary headers, out string? missing)
    {
        string Header(string name) => headers[name].ToString();
        missing = new[] { ConnectionIdHeader, HubHeader, CategoryHeader, EventHeader }.FirstOrDefault(name => Header(name).Length == 0);
        if (missing is not null)
        {
            return null;
        }

        var userId = Header(UserIdHeader);
        return new UpstreamRequest(
            Header(ConnectionIdHeader),
            Header(HubHeader),
            Header(CategoryHeader),
            Header(EventHeader),
            userId.Length == 0 ? null : userId,
            ParseClaims(Header(UserClaimsHeader)),
            Header(SignatureHeader));
    }

    /// <summary>
    /// The service sends claims as <c>type: value, type: value</c> (each claim's <c>ToString()</c>). The
    /// values this app puts there (client id, scopes, a JWT) never contain ", ".
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseClaims(string header)
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header.Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf(": ", StringComparison.Ordinal);
            if (separator > 0)
            {
                claims.TryAdd(pair[..separator], pair[(separator + 2)..]);
            }
        }

        return claims;
    }

    public static string FormatClaims(IEnumerable<KeyValuePair<string, string>> claims) =>
        string.Join(", ", claims.Select(claim => $"{claim.Key}: {claim.Value}"));
}
