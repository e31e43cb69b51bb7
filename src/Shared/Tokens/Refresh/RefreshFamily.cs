namespace CampaignMcp.Tokens.Refresh;

/// <summary>
/// Every refresh token descended from one token request (OAuth 2.0 Security BCP §4.14.2: rotation with
/// reuse detection). Only the hash of the current token is stored; superseded hashes are remembered by
/// the store so that presenting one again is recognised as reuse and revokes the whole family.
/// </summary>
public sealed record RefreshFamily
{
    public required string FamilyId { get; init; }
    public required string ClientId { get; init; }

    /// <summary>
    /// The OAuth client that obtained the family through the authorization-code flow (<c>dcr_…</c> or its metadata
    /// URL), when that is not <see cref="ClientId"/>'s allowed-client entry: a refresh must present this id
    /// (RFC 6749 §10.4, OAuth 2.1 §4.3.1: a public client's refresh token is bound to it). Null for API-key grants.
    /// </summary>
    public string? OAuthClientId { get; init; }

    /// <summary>The signed-in user's stable id (the tokens' <c>sub</c>) and name, for families started by sign-in with the organization's provider.</summary>
    public string? UserSubject { get; init; }

    public string? UserName { get; init; }

    /// <summary>The client a refresh or a revocation must name: the OAuth client's own id, else the allowed entry.</summary>
    public string Owner => OAuthClientId ?? ClientId;

    /// <summary>Space-delimited scopes of the current token; a rotation may only keep or narrow them.</summary>
    public required string Scope { get; init; }

    /// <summary>SHA-256 (base64url) of the current refresh token's secret part.</summary>
    public required string CurrentTokenHash { get; init; }

    /// <summary>1 for the first token, +1 per rotation.</summary>
    public required int Generation { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// SHA-256 of the token the current one replaced, and when: a retry of that exchange within the grace
    /// window gets the current token again instead of revoking the family. Null before the first rotation.
    /// </summary>
    public string? PreviousTokenHash { get; init; }

    public DateTimeOffset? RotatedAt { get; init; }

    /// <summary>When the current token stops being accepted.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedReason { get; init; }

    /// <summary>Opaque concurrency version (an ETag for Table Storage), set by the store on every read and write.</summary>
    public string? Version { get; init; }

    public bool IsRevoked => RevokedAt is not null;
}
