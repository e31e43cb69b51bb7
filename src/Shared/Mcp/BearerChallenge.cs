using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Mcp;

/// <summary>
/// <c>WWW-Authenticate: Bearer ...</c> values (RFC 6750 §3) carrying <c>resource_metadata</c> (RFC 9728
/// §5.1) so that MCP clients can discover how to get a token
/// (https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization).
/// </summary>
public sealed class BearerChallenge(DeploymentSettings settings, IHttpContextAccessor requests)
{
    /// <summary>The metadata URL on the name the current request used, when that is a loopback alias (<see cref="LoopbackAlias"/>).</summary>
    public string ResourceMetadataUrl => $"{LoopbackAlias.BaseUrlFor(requests.HttpContext?.Request, settings)}/{Routes.ProtectedResourceMetadataForMcp}";

    /// <summary>No token at all: no error code (RFC 6750 §3.1), the scopes a client should ask for.</summary>
    public string Missing() => $"Bearer resource_metadata=\"{ResourceMetadataUrl}\", scope=\"{string.Join(' ', Scopes.All)}\"";

    public string InvalidToken(string description) =>
        $"Bearer resource_metadata=\"{ResourceMetadataUrl}\", error=\"invalid_token\", error_description=\"{Escape(description)}\"";

    /// <summary>403: the scopes needed, for step-up (MCP 2025-11-25 "Runtime Insufficient Scope Errors").</summary>
    public string InsufficientScope(ScopeSet required, string description) =>
        $"Bearer resource_metadata=\"{ResourceMetadataUrl}\", error=\"insufficient_scope\", scope=\"{string.Join(' ', Scopes.Names(required))}\", error_description=\"{Escape(description)}\"";

    /// <summary>
    /// RFC 6750 §3: error_description "MUST NOT include characters outside the set %x20-21 / %x23-5B / %x5D-7E",
    /// so a quoted-pair escape (<c>\"</c>) is not allowed either: '"' becomes '\'', '\\' becomes '/', anything else
    /// outside the set (control characters, non-ASCII) becomes '?'. The value stays readable and the header valid.
    /// </summary>
    private static string Escape(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var index = 0; index < source.Length; index++)
        {
            var character = source[index];
            span[index] = character switch
            {
                '"' => '\'',
                '\\' => '/',
                >= ' ' and <= '~' => character,
                _ => '?',
            };
        }
    });
}
