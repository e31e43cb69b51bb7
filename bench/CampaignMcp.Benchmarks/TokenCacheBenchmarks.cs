using BenchmarkDotNet.Attributes;
using CampaignMcp.Tokens;
using CampaignMcp.Tokens.Revocation;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Benchmarks;

/// <summary>
/// A token seen before, answered by <see cref="AccessTokenValidator"/>'s own bounded cache, beside the same path
/// (cache hit, expiry check, revocation check, outcome) over a <see cref="MemoryCache"/> with a <c>SizeLimit</c>:
/// the evidence for which cache the validator keeps (docs/benchmarks.md, "Access-token cache").
/// </summary>
[MemoryDiagnoser]
public class TokenCacheBenchmarks
{
    private ServiceProvider services = null!;
    private AccessTokenValidator validator = null!;
    private RevocationList revocations = null!;
    private TimeProvider time = null!;
    private MemoryCache memoryCache = null!;
    private string token = null!;

    [GlobalSetup]
    public void Setup()
    {
        services = BenchmarkServices.Build();
        validator = services.GetRequiredService<AccessTokenValidator>();
        revocations = services.GetRequiredService<RevocationList>();
        time = services.GetRequiredService<TimeProvider>();
        token = BenchmarkServices.Token(services);
        var principal = validator.ValidateAsync(token).AsTask().GetAwaiter().GetResult().Principal!;

        // As the validator would use it: one unit per token, the same bound, gone at exp (plus the skew).
        memoryCache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 });
        memoryCache.Set(token, principal, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = principal.ExpiresAt!.Value + AccessTokenValidator.ClockSkew });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        memoryCache.Dispose();
        services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "seen before: AccessTokenValidator's own cache")]
    public bool HandMadeCache()
    {
        var pending = validator.ValidateAsync(token);
        return pending.IsCompletedSuccessfully && pending.Result.IsValid;
    }

    [Benchmark(Description = "seen before: MemoryCache with SizeLimit")]
    public bool MemoryCacheWithSizeLimit()
    {
        var outcome = memoryCache.TryGetValue(token, out McpPrincipal? known) && time.GetUtcNow() - AccessTokenValidator.ClockSkew <= known!.ExpiresAt!.Value
            ? Checked(known)
            : TokenValidationOutcome.Refused(TokenFailure.Malformed);
        return outcome.IsValid;
    }

    private TokenValidationOutcome Checked(McpPrincipal known)
    {
        var check = revocations.IsRevokedAsync(known.TokenId, known.GrantId);
        return check.IsCompletedSuccessfully && !check.Result ? TokenValidationOutcome.Valid(known) : TokenValidationOutcome.Refused(TokenFailure.Revoked);
    }
}
