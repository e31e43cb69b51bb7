using System.Security.Claims;
using CampaignMcp.SignalR;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>
/// Checks the AccessKey JWTs the service accepts, strictly: HS256 signature with the AccessKey, an
/// <c>aud</c> naming the URL called (scheme, host and path compared; port and query ignored, as the
/// official SDK signs without the port), and a lifetime measured on the app's <see cref="TimeProvider"/>.
/// </summary>
public sealed class StandInTokenValidator(SignalRSettings settings, TimeProvider time)
{
    private readonly JsonWebTokenHandler handler = new();

    public async Task<ClaimsPrincipal?> ValidateAsync(string? token, string expectedAudience)
    {
        var endpoint = settings.Endpoint;
        if (endpoint is null || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = SignalRAccessTokens.Credentials(endpoint.AccessKey).Key,
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

    public static bool SameTarget(string left, string right) =>
        Uri.TryCreate(left, UriKind.Absolute, out var a) && Uri.TryCreate(right, UriKind.Absolute, out var b)
        && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.AbsolutePath.TrimEnd('/'), b.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
