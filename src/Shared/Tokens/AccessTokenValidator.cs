using System.Collections.Concurrent;
using System.Text;
using CampaignMcp.Tokens.Revocation;

namespace CampaignMcp.Tokens;

/// <summary>
/// The one validator every surface uses. Caps the length and checks the characters, then verifies the token as this
/// server issues it (<see cref="AccessTokenReader"/>: HS256 pinned, the key by <c>kid</c> (current or previous secret,
/// nothing else tried), signature, <c>typ</c>, <c>aud</c>, <c>iss</c>, the JSON shape), then lifetime (30 s skew, time
/// from <see cref="TimeProvider"/>), that the client is still allowed and that neither the token nor its grant was
/// revoked; returns a reason instead of throwing. This runs on every invocation, so a token already validated is
/// answered from a cache keyed by the exact token text and only until its <c>exp</c>: no signature work, no allocation.
/// </summary>
public sealed class AccessTokenValidator : IDisposable
{
    /// <summary>Longer than any token this server issues by an order of magnitude.</summary>
    public const int MaximumTokenLength = 8 * 1024;
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private const int MaximumCachedTokens = 10_000;

    // Hand-made, not MemoryCache with SizeLimit: a hit through that costs over twice as long (docs/benchmarks.md, "Access-token cache").
    // Sized once for the bound so that it never grows (and rehashes every token) on the hot path; replaced, not
    // cleared, when full (Clear would shrink it back to the default size and make it grow again).
    private ConcurrentDictionary<string, McpPrincipal> validated = NewCache();

    // ConcurrentDictionary.Count takes every lock of the table (up to 1,024 as it grows): counted here instead.
    private int cachedCount;

    private readonly HmacKeyRing? keys;
    private readonly byte[] issuer;
    private readonly byte[] audience;
    private readonly TokenSettings settings;
    private readonly RevocationList revocations;
    private readonly TimeProvider time;

    public AccessTokenValidator(TokenSettings settings, SigningKey signingKey, RevocationList revocations, TimeProvider time)
    {
        this.settings = settings;
        this.revocations = revocations;
        this.time = time;
        issuer = Encoding.UTF8.GetBytes(settings.Issuer);
        audience = Encoding.UTF8.GetBytes(settings.Audience);
        keys = signingKey.Key is null ? null : new HmacKeyRing(signingKey.ValidationKeys);
    }

    public ValueTask<TokenValidationOutcome> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new(TokenValidationOutcome.Refused(TokenFailure.Missing));
        }

        if (keys is null)
        {
            return new(TokenValidationOutcome.Refused(TokenFailure.Unavailable));
        }

        if (validated.TryGetValue(token, out var known))
        {
            // The skew goes on the clock's side: an exp at the end of the calendar has no room after it.
            if (time.GetUtcNow() - ClockSkew <= known.ExpiresAt!.Value)
            {
                return Checked(known);
            }

            if (validated.TryRemove(token, out _))
            {
                Interlocked.Decrement(ref cachedCount);
            }
        }

        if (token.Length > MaximumTokenLength || !AccessTokenShape.HasTokenCharacters(token))
        {
            return new(TokenValidationOutcome.Refused(TokenFailure.Malformed));
        }

        var failure = AccessTokenReader.Read(token, keys, issuer, audience, out var claims);
        if (failure != TokenFailure.None)
        {
            return new(TokenValidationOutcome.Refused(failure));
        }

        var now = time.GetUtcNow();
        // Skew applied to now, not to exp and nbf, which may sit at the ends of the calendar.
        if (now - ClockSkew > claims.ExpiresAt)
        {
            return new(TokenValidationOutcome.Refused(TokenFailure.Expired, PrincipalOf(claims)));
        }

        if (claims.NotBefore is { } notBefore && now + ClockSkew < notBefore)
        {
            return new(TokenValidationOutcome.Refused(TokenFailure.NotYetValid, PrincipalOf(claims)));
        }

        // A window that closes before it opens (RFC 7519 §4.1.4, §4.1.5) is valid at no time, skew or not; checked after
        // the clock so that a token past its exp still reads as expired. JsonWebTokenHandler refuses it too.
        if (claims.NotBefore is { } opens && opens > claims.ExpiresAt)
        {
            return new(TokenValidationOutcome.Refused(TokenFailure.Malformed));
        }

        if (!settings.AllowedClients.Contains(claims.ClientEntry ?? claims.ClientId))
        {
            return new(TokenValidationOutcome.Refused(TokenFailure.ClientNotAllowed, PrincipalOf(claims)));
        }

        var principal = PrincipalOf(claims);
        var check = revocations.IsRevokedAsync(principal.TokenId, principal.GrantId);
        if (!check.IsCompletedSuccessfully)
        {
            return new(RememberedWhenNotRevokedAsync(check, token, principal));
        }

        if (check.Result)
        {
            return new(TokenValidationOutcome.Refused(TokenFailure.Revoked, principal));
        }

        Remember(token, principal);
        return new(TokenValidationOutcome.Valid(principal));
    }

    public void Dispose() => keys?.Dispose();

    private static ConcurrentDictionary<string, McpPrincipal> NewCache() => new(Environment.ProcessorCount, MaximumCachedTokens + 1, SignatureHashedComparer.Instance);

    /// <summary>
    /// Equal when the texts are equal (ordinal); hashed over the end of the signature segment only, not the whole
    /// ~500-character token, which halves the cost of a first-seen token's two lookups. Only tokens whose signature
    /// verified are stored, and that text is HMAC output nobody without the key can choose, so the stored hashes cannot
    /// be steered into collisions; the string hash is randomized per process besides.
    /// </summary>
    private sealed class SignatureHashedComparer : IEqualityComparer<string>
    {
        public static readonly SignatureHashedComparer Instance = new();
        private const int HashedCharacters = 24;

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => string.GetHashCode(obj.AsSpan(Math.Max(0, obj.Length - HashedCharacters)));
    }

    private ValueTask<TokenValidationOutcome> Checked(McpPrincipal known)
    {
        var check = revocations.IsRevokedAsync(known.TokenId, known.GrantId);
        return check.IsCompletedSuccessfully
            ? new(check.Result ? TokenValidationOutcome.Refused(TokenFailure.Revoked, known) : TokenValidationOutcome.Valid(known))
            : new(RevocationOutcomeAsync(check, known));
    }

    private void Remember(string token, McpPrincipal principal)
    {
        if (validated.TryAdd(token, principal) && Interlocked.Increment(ref cachedCount) > MaximumCachedTokens)
        {
            // Bounded: forget everything rather than track recency on the hot path; misses just revalidate.
            Volatile.Write(ref validated, NewCache());
            Interlocked.Exchange(ref cachedCount, 0);
        }
    }

    private async Task<TokenValidationOutcome> RememberedWhenNotRevokedAsync(ValueTask<bool> check, string token, McpPrincipal principal)
    {
        if (await check.ConfigureAwait(false))
        {
            return TokenValidationOutcome.Refused(TokenFailure.Revoked, principal);
        }

        Remember(token, principal);
        return TokenValidationOutcome.Valid(principal);
    }

    private static async Task<TokenValidationOutcome> RevocationOutcomeAsync(ValueTask<bool> check, McpPrincipal principal) =>
        await check.ConfigureAwait(false) ? TokenValidationOutcome.Refused(TokenFailure.Revoked, principal) : TokenValidationOutcome.Valid(principal);

    private static McpPrincipal PrincipalOf(in AccessTokenClaims claims) => claims.ClientEntry is null
        ? new McpPrincipal(claims.ClientId, claims.Scopes, claims.TokenId, claims.ExpiresAt, claims.GrantId)
        : new McpPrincipal(claims.ClientId, claims.Scopes, claims.TokenId, claims.ExpiresAt, claims.GrantId, claims.Subject, claims.Name, claims.ClientEntry);
}
