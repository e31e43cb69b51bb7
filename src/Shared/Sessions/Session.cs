using System.Text.Json.Serialization;

namespace CampaignMcp.Sessions;

/// <summary>
/// One session: a refresh-token family (the tokens one sign-in or token request started, through every rotation).
/// <see cref="LastUsedAt"/> is its last refresh (or its start): access tokens are checked without a store round trip.
/// </summary>
public sealed record Session(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("user_name")] string? UserName,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_entry")] string ClientEntry,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_used_at")] DateTimeOffset LastUsedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
