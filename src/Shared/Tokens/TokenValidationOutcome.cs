using System.Diagnostics.CodeAnalysis;

namespace CampaignMcp.Tokens;

/// <summary>Result of validating one token: a principal, or the reason it was refused. Never an exception.</summary>
public readonly record struct TokenValidationOutcome(McpPrincipal? Principal, TokenFailure Failure)
{
    [MemberNotNullWhen(true, nameof(Principal))]
    public bool IsValid => Principal is not null;

    public static TokenValidationOutcome Valid(McpPrincipal principal) => new(principal, TokenFailure.None);

    public static TokenValidationOutcome Refused(TokenFailure failure) => new(null, failure);
}
