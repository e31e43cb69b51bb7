using System.Reflection;
using CampaignMcp.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Security.Tests.Support;

/// <summary>
/// IdentityModel's <see cref="JsonWebTokenHandler"/> making the checks <see cref="AccessTokenValidator"/> makes: the same
/// keys (the <c>kid</c> selects one, no other is tried), HS256 only, <c>typ</c> at+jwt, issuer, audience, and lifetime
/// with the same 30 s skew read from the same clock. Whatever the server accepts, this must accept too.
/// </summary>
public sealed class IdentityModelBaseline
{
    private readonly JsonWebTokenHandler handler = new();
    private readonly TokenValidationParameters parameters;

    public IdentityModelBaseline(TokenSettings settings, SigningKey signingKey, TimeProvider time)
    {
        parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = settings.Issuer,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = AccessTokenValidator.ClockSkew,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = signingKey.ValidationKeys,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [TokenIssuer.TokenType],
            ValidateTokenReplay = false,
            SaveSigninToken = false,
        };

        // IdentityModel 8 reads its lifetime clock from an internal TimeProvider (there is no public setter): set it so
        // that both sides read the same FakeTimeProvider. Should it ever be renamed, this fails here rather than
        // comparing the server's fake clock with the library's wall clock.
        var clock = typeof(TokenValidationParameters).GetProperty("TimeProvider", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("TokenValidationParameters has no TimeProvider property: the baseline cannot share the test clock.");
        clock.SetValue(parameters, time);
    }

    public Task<TokenValidationResult> ValidateAsync(string token) => handler.ValidateTokenAsync(token, parameters);

    /// <summary>Why the library refused, in one line (its messages hide the token itself).</summary>
    public static string Reason(TokenValidationResult result) =>
        result.Exception is { } exception ? $"{exception.GetType().Name}: {exception.Message.Split('\n')[0]}" : "valid";
}
