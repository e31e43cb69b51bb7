using System.Collections.Concurrent;
using CampaignMcp.Configuration;
using CampaignMcp.Tokens.Revocation;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Tokens;

/// <summary>
/// The one validator every surface uses. Caps the length and checks the characters, then pins HS256, checks signature,
/// <c>iss</c>, <c>aud</c>, <c>typ</c>, the key by <c>kid</c> (current or previous secret, nothing else tried), lifetime (30 s skew, time from <see cref="TimeProvider"/>), that the
/// client is still allowed and that neither the token nor its grant was revoked, and the JSON shape IdentityModel does not
/// (<see cref="AccessTokenShape"/>, after the signature: it costs more than the HMAC); returns a reason instead of throwing.
/// This runs on every invocation, so a token already validated is answered from a cache keyed by the
/// exact token text and only until its <c>exp</c>: no signature work, no allocation.
/// </summary>
public sealed class AccessTokenValidator
{
    /// <summary>Longer than any token this server issues by an order of magnitude.</summary>
    public const int MaximumTokenLength = 8 * 1024;
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private const int MaximumCachedTokens = 10_000;

    private readonly JsonWebTokenHandler handler = new() { MaximumTokenSizeInBytes = MaximumTokenLength };
    // Sized once for the bound so that it never grows (and rehashes every token) on the hot path.
    private readonly ConcurrentDictionary<string, McpPrincipal> validated = new(Environment.ProcessorCount, MaximumCachedTokens + 1, StringComparer.Ordinal);

    // ConcurrentDictionary.Count takes every lock of the table (up to 1,024 as it grows): counted here instead.
    private int cachedCount;

    // Header segments of tokens that passed every check, so the shape check reads only the payload of the next ones.
    private readonly string?[] vettedHeaders = new string?[4];
    private readonly TokenValidationParameters? parameters;
    private readonly TokenSettings settings;
    private readonly RevocationList revocations;
    private readonly TimeProvider time;

    public AccessTokenValidator(TokenSettings settings, SigningKey signingKey, RevocationList revocations, TimeProvider time)
    {
        this.settings = settings;
        this.revocations = revocations;
        this.time = time;
        if (signingKey.Key is null)
        {
            return;
        }

        parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = settings.Issuer,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            // Lifetime is checked below against the TimeProvider (IdentityModel reads the wall clock).
            ValidateLifetime = false,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = signingKey.ValidationKeys,
            // The kid selects the key; a token naming no accepted key is refused rather than tried against each.
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [TokenIssuer.TokenType],
            ValidateTokenReplay = false,
            SaveSigninToken = false,
        };
    }

    /// <summary>The IdentityModel parameters in use, so that benchmarks compare against the library with exactly these.</summary>
    internal TokenValidationParameters? Parameters => parameters;

    public ValueTask<TokenValidationOutcome> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new(TokenValidationOutcome.Refused(TokenFailure.Missing));
        }

        if (parameters is null)
        {
            return new(TokenValidationOutcome.Refused(TokenFailure.Unavailable));
        }

        if (validated.TryGetValue(token, out var known))
        {
            // The skew goes on the clock's side: an exp at the end of the calendar has no room after it.
            if (time.GetUtcNow() - ClockSkew <= known.ExpiresAt!.Value)
            {
                var check = revocations.IsRevokedAsync(known.TokenId, known.GrantId);
                return check.IsCompletedSuccessfully
                    ? new(check.Result ? TokenValidationOutcome.Refused(TokenFailure.Revoked) : TokenValidationOutcome.Valid(known))
                    : new(RevocationOutcomeAsync(check, known));
            }

            if (validated.TryRemove(token, out _))
            {
                Interlocked.Decrement(ref cachedCount);
            }
        }

        return token.Length > MaximumTokenLength || !AccessTokenShape.HasTokenCharacters(token)
            ? new(TokenValidationOutcome.Refused(TokenFailure.Malformed))
            : new(ValidateUncachedAsync(token, parameters));
    }

    private async Task<TokenValidationOutcome> ValidateUncachedAsync(string token, TokenValidationParameters validationParameters)
    {
        TokenValidationResult result;
        try
        {
            result = await handler.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or SecurityTokenException)
        {
            return TokenValidationOutcome.Refused(FailureFor(exception));
        }

        // The JSON rules decide before any claim is read, on refused tokens too, so that a token that breaks them is
        // malformed whichever check IdentityModel failed first (duplicate members can make it read the wrong alg).
        if (!AccessTokenShape.HasAcceptableMembers(token, vettedHeaders))
        {
            return TokenValidationOutcome.Refused(TokenFailure.Malformed);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            var failure = FailureFor(result.Exception);
            // IdentityModel reports a disallowed alg as a signature failure; tell the two apart.
            return TokenValidationOutcome.Refused(failure is TokenFailure.BadSignature or TokenFailure.UnknownKey && !SignedWithHs256(token) ? TokenFailure.UnsupportedAlgorithm : failure);
        }

        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out _)
            || !jwt.TryGetPayloadValue<string>(TokenIssuer.ClientIdClaim, out var clientId) || string.IsNullOrEmpty(clientId))
        {
            return TokenValidationOutcome.Refused(TokenFailure.Malformed);
        }

        var now = time.GetUtcNow().UtcDateTime;
        // Skew applied to now, not to exp and nbf, which may sit at the ends of DateTime's range (IdentityModel clamps there).
        if (now - ClockSkew > jwt.ValidTo)
        {
            return TokenValidationOutcome.Refused(TokenFailure.Expired);
        }

        if (jwt.ValidFrom != DateTime.MinValue && now + ClockSkew < jwt.ValidFrom)
        {
            return TokenValidationOutcome.Refused(TokenFailure.NotYetValid);
        }

        if (!settings.AllowedClients.Contains(clientId))
        {
            return TokenValidationOutcome.Refused(TokenFailure.ClientNotAllowed);
        }

        jwt.TryGetPayloadValue<string>(TokenIssuer.ScopeClaim, out var scope);
        jwt.TryGetPayloadValue<string>(TokenIssuer.GrantIdClaim, out var grantId);
        var principal = new McpPrincipal(clientId, Scopes.Parse(scope ?? string.Empty), jwt.Id, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), grantId);
        if (await revocations.IsRevokedAsync(principal.TokenId, principal.GrantId).ConfigureAwait(false))
        {
            return TokenValidationOutcome.Refused(TokenFailure.Revoked);
        }

        AccessTokenShape.Vet(token, vettedHeaders);
        if (validated.TryAdd(token, principal) && Interlocked.Increment(ref cachedCount) > MaximumCachedTokens)
        {
            // Bounded: forget everything rather than track recency on the hot path; misses just revalidate.
            validated.Clear();
            Interlocked.Exchange(ref cachedCount, 0);
        }
        return TokenValidationOutcome.Valid(principal);
    }

    private static async Task<TokenValidationOutcome> RevocationOutcomeAsync(ValueTask<bool> check, McpPrincipal principal) =>
        await check.ConfigureAwait(false) ? TokenValidationOutcome.Refused(TokenFailure.Revoked) : TokenValidationOutcome.Valid(principal);

    private bool SignedWithHs256(string token) =>
        handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Alg == SecurityAlgorithms.HmacSha256;

    private static TokenFailure FailureFor(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => TokenFailure.Expired,
        SecurityTokenNotYetValidException => TokenFailure.NotYetValid,
        SecurityTokenInvalidIssuerException => TokenFailure.WrongIssuer,
        SecurityTokenInvalidAudienceException => TokenFailure.WrongAudience,
        SecurityTokenInvalidAlgorithmException => TokenFailure.UnsupportedAlgorithm,
        SecurityTokenInvalidTypeException => TokenFailure.WrongType,
        SecurityTokenSignatureKeyNotFoundException => TokenFailure.UnknownKey,
        SecurityTokenInvalidSignatureException => TokenFailure.BadSignature,
        _ => TokenFailure.Malformed,
    };
}
