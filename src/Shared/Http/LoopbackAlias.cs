using System.Net;
using CampaignMcp.Configuration;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>
/// In development on loopback one server has several names: <c>func start</c> prints <c>localhost</c>, the
/// local host <c>127.0.0.1</c>. An MCP client compares the protected resource metadata's <c>resource</c>
/// with the URL it was given (RFC 9728 §3.3) and stops when they differ, so there the metadata and the
/// challenge that points to it use the name the request came in on. Only loopback names on the configured
/// port and scheme qualify, and never in production, so a Host header can't point a client elsewhere; tokens
/// keep the one configured issuer and audience.
/// </summary>
public static class LoopbackAlias
{
    /// <summary>The request's own origin when it is a loopback alias of the configured one, else the configured base URL.</summary>
    public static string BaseUrlFor(HttpRequest? request, DeploymentSettings deployment)
    {
        var configuredUrl = deployment.PublicBaseUrl;
        if (request is null || deployment.IsProduction || !request.Host.HasValue
            || !Uri.TryCreate(configuredUrl, UriKind.Absolute, out var configured) || !configured.IsLoopback
            || !string.Equals(request.Scheme, configured.Scheme, StringComparison.OrdinalIgnoreCase)
            || !IsLoopbackName(request.Host.Host)
            || (request.Host.Port ?? (configured.Scheme == Uri.UriSchemeHttps ? 443 : 80)) != configured.Port)
        {
            return configuredUrl;
        }

        return $"{configured.Scheme}://{request.Host.Value.ToLowerInvariant()}";
    }

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
