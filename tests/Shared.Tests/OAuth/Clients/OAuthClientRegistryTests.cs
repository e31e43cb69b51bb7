using CampaignMcp.OAuth.Clients;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CampaignMcp.Tests.OAuth.Clients;

public sealed class OAuthClientRegistryTests : IDisposable
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly InMemoryClientRegistrationStore store = new();
    private readonly ClientMetadataDocumentFetcher fetcher;
    private readonly OAuthClientRegistry registry;

    public OAuthClientRegistryTests()
    {
        var settings = new OAuthClientSettings { AllowPrivateClientMetadata = false, RegistrationLimit = 20, Warnings = [] };
        fetcher = new ClientMetadataDocumentFetcher(settings, time, NullLogger<ClientMetadataDocumentFetcher>.Instance);
        registry = new OAuthClientRegistry(fetcher, store, time);
    }

    public void Dispose() => fetcher.Dispose();

    private async Task<ClientRegistration> RegisterAsync(string? name)
    {
        var now = time.GetUtcNow();
        var registration = new ClientRegistration(
            ClientRegistrationIds.New(),
            new ClientMetadata(name, ["http://127.0.0.1/callback"], ["authorization_code"], ["code"], "native", null, null),
            now,
            now + OAuthClientSettings.RegistrationLifetime);
        await store.AddAsync(registration, CancellationToken.None);
        return registration;
    }

    [Fact]
    public async Task A_registered_client_is_found_until_its_registration_expires()
    {
        var registration = await RegisterAsync("Inspector");

        var client = Assert.IsType<OAuthClientLookup.Found>(await registry.FindAsync(registration.ClientId, CancellationToken.None)).Client;
        Assert.Equal(("Inspector", OAuthClientSource.Registered, "native"), (client.Name, client.Source, client.ApplicationType));
        Assert.Equal(["http://127.0.0.1/callback"], client.RedirectUris);

        time.Advance(OAuthClientSettings.RegistrationLifetime);
        Assert.Contains("expired", Assert.IsType<OAuthClientLookup.Unknown>(await registry.FindAsync(registration.ClientId, CancellationToken.None)).Message);
    }

    [Fact]
    public async Task A_nameless_registered_client_is_shown_by_its_redirect_host()
    {
        var registration = await RegisterAsync(null);
        Assert.Equal("127.0.0.1", Assert.IsType<OAuthClientLookup.Found>(await registry.FindAsync(registration.ClientId, CancellationToken.None)).Client.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("claude")]
    [InlineData("dcr_short")]
    [InlineData("dcr_AAAAAAAAAAAAAAAAAAAAAA")] // well formed, never issued
    public async Task Other_client_ids_are_unknown(string clientId) =>
        Assert.IsType<OAuthClientLookup.Unknown>(await registry.FindAsync(clientId, CancellationToken.None));

    [Theory]
    [InlineData("http://app.example.com/client.json", "https://")]
    [InlineData("https://app.example.com", "path")]
    [InlineData("https://10.0.0.5/client.json", "non-public address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "non-public address")]
    [InlineData("https://[::1]/client.json", "non-public address")]
    [InlineData("https://[::ffff:127.0.0.1]/client.json", "non-public address")]
    public async Task Url_client_ids_that_cannot_be_documents_here_are_refused(string clientId, string expected) =>
        Assert.Contains(expected, Assert.IsType<OAuthClientLookup.Refused>(await registry.FindAsync(clientId, CancellationToken.None)).Message);

    [Fact]
    public void Issued_client_ids_are_distinct_and_well_formed()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => ClientRegistrationIds.New()).ToHashSet();
        Assert.Equal(1000, ids.Count);
        Assert.All(ids, id => Assert.True(ClientRegistrationIds.IsWellFormed(id), id));
        Assert.All(ids, id => Assert.Equal(26, id.Length));
    }
}
