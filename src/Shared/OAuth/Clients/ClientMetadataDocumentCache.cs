using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// Clients read from metadata documents, kept as the document's Cache-Control says (RFC 9111 §5.2.2) within
/// <see cref="MinimumLifetime"/>..<see cref="MaximumLifetime"/>, at most <see cref="MaximumEntries"/> of them: past
/// that a new document is served uncached while the least recently used entries are evicted, so clients cannot grow
/// memory without bound. Expiry follows the app's <see cref="TimeProvider"/>.
/// </summary>
public sealed class ClientMetadataDocumentCache : IDisposable
{
    public const int MaximumEntries = 1000;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromHours(24);

    private readonly TimeProvider time;
    private readonly MemoryCache cache;

    public ClientMetadataDocumentCache(TimeProvider time)
    {
        this.time = time;
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaximumEntries, Clock = new TimeProviderClock(time) });
    }

    /// <summary>How long a document answered with <paramref name="cacheControl"/> may be kept; null for not at all (no-store, no-cache).</summary>
    public static TimeSpan? LifetimeOf(CacheControlHeaderValue? cacheControl)
    {
        if (cacheControl is { NoStore: true } or { NoCache: true })
        {
            return null;
        }

        var lifetime = cacheControl?.MaxAge ?? DefaultLifetime;
        return lifetime < MinimumLifetime ? MinimumLifetime : lifetime > MaximumLifetime ? MaximumLifetime : lifetime;
    }

    public bool TryGet(string clientId, [NotNullWhen(true)] out OAuthClient? client) => cache.TryGetValue(clientId, out client) && client is not null;

    public void Remember(OAuthClient client, TimeSpan lifetime) =>
        cache.Set(client.ClientId, client, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = time.GetUtcNow() + lifetime });

    public void Dispose() => cache.Dispose();

    private sealed class TimeProviderClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
