using System.Diagnostics.CodeAnalysis;

namespace CampaignMcp.Tokens;

/// <summary>
/// Result of validating one token: a principal, or the reason it was refused. Never an exception. A token with our
/// genuine signature refused for its time, its revocation or its client still says whose it was
/// (<paramref name="Named"/>), for the audit line only: it grants nothing.
/// </summary>
public readonly record struct TokenValidationOutcome(McpPrincipal? Principal, TokenFailure Failure, McpPrincipal? Named = null)
{
    [MemberNotNullWhen(true, nameof(Principal))]
    public bool IsValid => Principal is not null;

    public static TokenValidationOutcome Valid(McpPrincipal principal) => new(principal, TokenFailure.None);

    public static TokenValidationOutcome Refused(TokenFailure failure, McpPrincipal? named = null) => new(null, failure, named);
}
