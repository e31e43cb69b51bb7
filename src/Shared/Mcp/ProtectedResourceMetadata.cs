namespace CampaignMcp.Mcp;

/// <summary>RFC 9728 §2 Protected Resource Metadata for the MCP endpoint.</summary>
public sealed record ProtectedResourceMetadata(
    string Resource,
    IReadOnlyList<string> AuthorizationServers,
    IReadOnlyList<string> ScopesSupported,
    IReadOnlyList<string> BearerMethodsSupported,
    string ResourceName);
