using System.Security.Claims;
using CampaignMcp.SignalR;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>
/// Checks the JWTs the service accepts, strictly: HS256 signature with the AccessKey (or, in Entra mode, with the
/// issued key the header's <c>kid</c> names, unexpired), an
/// <c>aud</c> naming the URL called (scheme, host and path compared; port and query ignored, as the
/// official SDK signs without the port), and a lifetime measured on the app's <see cref="TimeProvider"/>.
/// </summary>
public sealed class StandInTokenValidator(SignalRSettings settings, LocalSignalRServiceOptions options, IssuedAccessKeys issued, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();

    public async Task<ClaimsPrincipal?> ValidateAsync(string? token, string expectedAudience)
    {
        var endpoint = settings.Endpoint;
        if (endpoint is null || string.IsNullOrEmpty(token) || SigningKey(endpoint, token) is not { } signingKey)
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = signingKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = true,
            AudienceValidator = (audiences, _, _) => audiences.Any(audience => SameTarget(audience, expectedAudience)),
            ValidateLifetime = false,
            RequireSignedTokens = true,
        }).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || !jwt.TryGetPayloadValue<long>("exp", out _))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (now > jwt.ValidTo || (jwt.ValidFrom != DateTime.MinValue && now < jwt.ValidFrom.AddSeconds(-30)))
        {
            return null;
        }

        return new ClaimsPrincipal(result.ClaimsIdentity);
    }

    private SecurityKey? SigningKey(SignalRServiceEndpoint endpoint, string token)
    {
        if (options.Entra is null)
        {
            return endpoint.AccessKey is { } accessKey ? SignalRAccessTokens.Credentials(accessKey).Key : null;
        }

        string? keyId;
        try
        {
            keyId = new JsonWebToken(token).Kid;
        }
        catch (ArgumentException)
        {
            return null;
        }

        // Local auth is disabled: only keys this service issued through its access-key API sign anything.
        return issued.Find(keyId) is { } key ? SignalRAccessTokens.Credentials(key, keyId).Key : null;
    }

    public static bool SameTarget(string left, string right) =>
        Uri.TryCreate(left, UriKind.Absolute, out var a) && Uri.TryCreate(right, UriKind.Absolute, out var b)
        && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.AbsolutePath.TrimEnd('/'), b.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
