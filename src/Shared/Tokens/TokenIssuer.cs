using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tokens;

/// <summary>
/// Issues the HS256 access tokens of <c>POST /api/v1/mcp/auth/token</c>: claims per RFC 9068
/// (<c>iss</c>, <c>aud</c>, <c>sub</c>, <c>client_id</c>, space-delimited <c>scope</c>, <c>iat</c>,
/// <c>nbf</c>, <c>exp</c>, <c>jti</c>), <c>typ: at+jwt</c> and the signing key's <c>kid</c>.
/// </summary>
public sealed class TokenIssuer(TokenSettings settings, SigningKey signingKey, TimeProvider time)
{
    /// <summary>RFC 9068 §2.1 media type, so that no other kind of JWT is mistaken for an access token.</summary>
    public const string TokenType = "at+jwt";
    public const string ClientIdClaim = "client_id";
    public const string ScopeClaim = "scope";

    /// <summary>The refresh-token family an access token was issued with, so that revoking the family revokes it too.</summary>
    public const string GrantIdClaim = "sid";

    /// <summary>
    /// In a token issued to a signed-in user, <c>client_id</c> is the OAuth client itself (<c>dcr_…</c> or its metadata
    /// URL) and this claim the <c>MCP_ALLOWED_CLIENTS</c> entry that admitted it, which every check of the list uses.
    /// </summary>
    public const string ClientEntryClaim = "mcp_client_entry";

    /// <summary>The signed-in user's display name (OpenID Connect Core §5.1), for logs.</summary>
    public const string NameClaim = "name";

    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public bool IsAvailable => signingKey.Credentials is not null;

    /// <param name="clientId">The allowed-client entry (<c>MCP_ALLOWED_CLIENTS</c>) the grant was made to.</param>
    /// <param name="user">The signed-in user, for tokens of a sign-in with the organization's provider.</param>
    /// <param name="oauthClientId">With <paramref name="user"/>: the OAuth client, when it is not <paramref name="clientId"/>.</param>
    public IssuedToken Issue(string clientId, IReadOnlyList<string> scopes, string? grantId = null, TokenUser? user = null, string? oauthClientId = null)
    {
        var credentials = signingKey.Credentials
            ?? throw new InvalidOperationException("Token issuance is unavailable while the signing secret is misconfigured.");

        // Whole seconds, so that exp - iat is exactly the configured lifetime after JWT's truncation.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var expiresAt = issuedAt + settings.TokenLifetime;
        var tokenId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            TokenType = TokenType,
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = clientId,
                [ClientIdClaim] = clientId,
                [ScopeClaim] = string.Join(' ', scopes),
                [JwtRegisteredClaimNames.Jti] = tokenId,
            },
        };
        if (grantId is not null)
        {
            descriptor.Claims[GrantIdClaim] = grantId;
        }

        if (user is not null)
        {
            descriptor.Claims[JwtRegisteredClaimNames.Sub] = user.Subject;
            descriptor.Claims[NameClaim] = user.Name;
            descriptor.Claims[ClientIdClaim] = oauthClientId ?? clientId;
            descriptor.Claims[ClientEntryClaim] = clientId;
        }

        return new IssuedToken(handler.CreateToken(descriptor), (long)settings.TokenLifetime.TotalSeconds, scopes, tokenId, expiresAt);
    }
}
