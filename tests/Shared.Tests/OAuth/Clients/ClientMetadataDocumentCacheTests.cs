using CampaignMcp.OAuth.Clients;
using Microsoft.Extensions.Time.Testing;

namespace CampaignMcp.Tests.OAuth.Clients;

public sealed class ClientMetadataDocumentCacheTests
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    private static OAuthClient Client(string clientId) =>
        new(clientId, "Test Client", ["https://app.example.com/cb"], OAuthClientSource.MetadataDocument, ApplicationTypes.Web, null, null);

    [Fact]
    public void An_entry_is_kept_until_its_lifetime_on_the_apps_clock()
    {
        using var cache = new ClientMetadataDocumentCache(time);
        cache.Remember(Client("https://a.example/client.json"), TimeSpan.FromMinutes(5));

        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.True(cache.TryGet("https://a.example/client.json", out _));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("https://a.example/client.json", out _));
    }

    [Fact]
    public void A_full_cache_does_not_take_one_more_document()
    {
        using var cache = new ClientMetadataDocumentCache(time);
        for (var i = 0; i < ClientMetadataDocumentCache.MaximumEntries; i++)
        {
            cache.Remember(Client($"https://a.example/{i}.json"), TimeSpan.FromHours(1));
        }

        cache.Remember(Client("https://a.example/one-more.json"), TimeSpan.FromHours(1));

        Assert.False(cache.TryGet("https://a.example/one-more.json", out _));
    }
}
