using System.Diagnostics.CodeAnalysis;
using CampaignMcp.Tokens;

namespace CampaignMcp.Mcp;

/// <summary>The outcome of authorizing one message: the caller, or why it was refused.</summary>
public readonly record struct McpAuthorization
{
    private McpAuthorization(McpPrincipal? principal, McpAuthFailure? refusal)
    {
        Principal = principal;
        Refusal = refusal;
    }

    public McpPrincipal? Principal { get; }

    public McpAuthFailure? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Principal))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool IsAllowed => Principal is not null;

    public static McpAuthorization Allow(McpPrincipal principal) => new(principal, null);

    public static McpAuthorization Refuse(McpAuthFailure refusal) => new(null, refusal);
}
