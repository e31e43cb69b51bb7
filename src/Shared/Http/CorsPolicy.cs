using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>
/// CORS for the origins in <c>MCP_CORS_ORIGIN</c>, compared exactly. An allowed origin is echoed
/// (with <c>Vary: Origin</c>); any other origin gets no CORS header at all. <c>*</c> in the setting
/// answers the literal <c>*</c>, never an echo. https://fetch.spec.whatwg.org/#http-cors-protocol
/// </summary>
public sealed class CorsPolicy(CorsSettings settings)
{
    /// <summary>MCP's headers, the token endpoint's key, and what the browser SignalR client sends on negotiate.</summary>
    public const string AllowedHeaders = "Authorization, Content-Type, X-API-Key, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID, X-Requested-With, X-SignalR-User-Agent";
    public const string ExposedHeaders = "WWW-Authenticate, Mcp-Session-Id";
    private const string MaxAgeSeconds = "600";

    private readonly HashSet<string> origins = new(settings.Origins, StringComparer.Ordinal);

    public bool IsAllowedOrigin(string origin) => settings.AllowsAnyOrigin || origins.Contains(origin);

    /// <summary>Adds the response headers of an actual (non-preflight) cross-origin request.</summary>
    public void ApplyResponseHeaders(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return;
        }

        var headers = context.Response.Headers;
        headers.Append("Vary", "Origin");
        if (IsAllowedOrigin(origin))
        {
            headers.AccessControlAllowOrigin = settings.AllowsAnyOrigin ? "*" : origin;
            headers.AccessControlExposeHeaders = ExposedHeaders;
        }
    }

    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");

    /// <summary>Answers an <c>OPTIONS</c> request: preflight headers when the origin and method are allowed.</summary>
    public IResult Preflight(HttpContext context, IReadOnlyList<string> methods)
    {
        var allow = string.Join(", ", methods.Append(HttpMethods.Options));
        var headers = context.Response.Headers;
        headers.Allow = allow;
        var origin = context.Request.Headers.Origin.ToString();
        var requestedMethod = context.Request.Headers.AccessControlRequestMethod.ToString();
        headers.Append("Vary", "Origin");
        if (origin.Length > 0 && IsAllowedOrigin(origin) && methods.Contains(requestedMethod, StringComparer.OrdinalIgnoreCase))
        {
            headers.AccessControlAllowOrigin = settings.AllowsAnyOrigin ? "*" : origin;
            headers.AccessControlAllowMethods = allow;
            headers.AccessControlAllowHeaders = AllowedHeaders;
            headers.AccessControlMaxAge = MaxAgeSeconds;
        }

        return Results.NoContent();
    }
}
