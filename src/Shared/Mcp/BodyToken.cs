using System.Text.Json.Nodes;

namespace CampaignMcp.Mcp;

/// <summary>
/// The token a message carries in <c>params.auth.token</c> (the original server's format). It is taken out
/// of the params before dispatch, so that no handler, log or echo ever sees it.
/// </summary>
public readonly record struct BodyToken(string? Token, bool Malformed)
{
    public static BodyToken TakeFrom(JsonNode? parameters)
    {
        if (parameters is not JsonObject body || !body.TryGetPropertyValue("auth", out var auth))
        {
            return default;
        }

        body.Remove("auth");
        return auth is JsonObject authObject && authObject["token"] is JsonValue value && value.TryGetValue<string>(out var token) && token.Length > 0
            ? new BodyToken(token, Malformed: false)
            : new BodyToken(null, Malformed: auth is not null);
    }
}
