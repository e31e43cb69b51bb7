namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// OpenID Connect Dynamic Client Registration 1.0 §2 <c>application_type</c>, which the MCP revision of
/// 2026-07-28 has clients send at registration (SEP-837).
/// </summary>
public static class ApplicationTypes
{
    /// <summary>Served from a remote host: https redirect URIs only, never a loopback host.</summary>
    public const string Web = "web";

    /// <summary>Desktop, mobile and CLI apps: loopback http (any port) and private-use schemes (RFC 8252 §7).</summary>
    public const string Native = "native";

    public static bool IsKnown(string value) => value is Web or Native;
}
