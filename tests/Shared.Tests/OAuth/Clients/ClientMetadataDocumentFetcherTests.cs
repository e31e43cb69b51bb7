using CampaignMcp.OAuth.Clients;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CampaignMcp.Tests.OAuth.Clients;

/// <summary>Client ID Metadata Documents fetched from a real HTTPS server on loopback.</summary>
public sealed class ClientMetadataDocumentFetcherTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private DocumentServer server = null!;

    public async Task InitializeAsync() => server = await DocumentServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private ClientMetadataDocumentFetcher Fetcher(bool allowPrivate = true) =>
        new(
            new OAuthClientSettings { AllowPrivateClientMetadata = allowPrivate, RegistrationLimit = 20, Warnings = [] },
            time,
            NullLogger<ClientMetadataDocumentFetcher>.Instance,
            handler => handler.SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == server.Certificate.GetCertHashString());

    private static Task<OAuthClientLookup> FindAsync(ClientMetadataDocumentFetcher fetcher, string clientId) =>
        fetcher.FindAsync(clientId, new Uri(clientId), CancellationToken.None);

    private static string RefusalOf(OAuthClientLookup lookup) => Assert.IsType<OAuthClientLookup.Refused>(lookup).Message;

    [Fact]
    public async Task A_valid_document_gives_the_client_its_name_and_redirect_uris()
    {
        server.ServeJson("/client.json", server.Document("/client.json", ""","application_type":"native","client_uri":"https://app.example.com","logo_uri":"https://app.example.com/logo.png","token_endpoint_auth_method":"none","grant_types":["authorization_code","refresh_token"],"response_types":["code"],"jwks_uri":"https://ignored.example.com/jwks" """));
        using var fetcher = Fetcher();

        var client = Assert.IsType<OAuthClientLookup.Found>(await FindAsync(fetcher, server.Url("/client.json"))).Client;

        Assert.Equal(server.Url("/client.json"), client.ClientId);
        Assert.Equal("Test Client", client.Name);
        Assert.Equal(["http://127.0.0.1:3000/callback"], client.RedirectUris);
        Assert.Equal(OAuthClientSource.MetadataDocument, client.Source);
        Assert.Equal("native", client.ApplicationType);
        Assert.Equal(new Uri("https://app.example.com"), client.ClientUri);
        Assert.Equal(new Uri("https://app.example.com/logo.png"), client.LogoUri);
        Assert.True(RedirectUriRules.Matches(client, "http://127.0.0.1:49152/callback"));
    }

    [Fact]
    public async Task A_document_without_a_name_is_shown_by_its_host()
    {
        server.ServeJson("/nameless.json", $$"""{"client_id":"{{server.Url("/nameless.json")}}","redirect_uris":["https://app.example.com/cb"]}""");
        using var fetcher = Fetcher();
        var client = Assert.IsType<OAuthClientLookup.Found>(await FindAsync(fetcher, server.Url("/nameless.json"))).Client;
        Assert.Equal("localhost", client.Name);
    }

    [Fact]
    public async Task A_document_larger_than_64_KiB_is_refused_by_its_content_length()
    {
        server.Serve("/large.json", async context =>
        {
            var body = new byte[100_000];
            body.AsSpan().Fill((byte)' ');
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        using var fetcher = Fetcher();
        Assert.Contains("larger than 64 KiB", RefusalOf(await FindAsync(fetcher, server.Url("/large.json"))));
    }

    [Fact]
    public async Task An_endless_document_is_read_no_further_than_64_KiB()
    {
        var written = 0L;
        server.Serve("/endless.json", async context =>
        {
            context.Response.ContentType = "application/json";
            var chunk = new byte[8192];
            chunk.AsSpan().Fill((byte)' ');
            try
            {
                while (written < 100L * 1024 * 1024)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    Interlocked.Add(ref written, chunk.Length);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The fetcher hung up: what this test wants.
            }
        });
        using var fetcher = Fetcher();

        Assert.Contains("larger than 64 KiB", RefusalOf(await FindAsync(fetcher, server.Url("/endless.json"))));
        Assert.True(Interlocked.Read(ref written) < 100L * 1024 * 1024, "the fetcher kept reading");
    }

    [Fact]
    public async Task A_document_that_takes_longer_than_5_seconds_is_refused()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Serve("/slow.json", async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var fetcher = Fetcher();

        var pending = FindAsync(fetcher, server.Url("/slow.json"));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(ClientMetadataDocumentFetcher.FetchTimeout);

        Assert.Contains("did not arrive within 5 seconds", RefusalOf(await pending.WaitAsync(TimeSpan.FromSeconds(30))));
    }

    [Theory]
    [InlineData("<!doctype html><title>Sign in</title>", "text/html", "not valid JSON")]
    [InlineData("[1,2,3]", "application/json", "not a JSON object")]
    [InlineData("{\"client_name\":\"x\",\"redirect_uris\":[\"https://a.example/cb\"]}", "application/json", "has no client_id")]
    [InlineData("{\"client_id\":\"\\ud800\",\"redirect_uris\":[\"https://a.example/cb\"]}", "application/json", "unpaired surrogate")]
    public async Task A_document_that_is_not_a_json_object_with_a_client_id_is_refused(string body, string contentType, string expected)
    {
        server.ServeJson("/bad.json", body, contentType: contentType);
        using var fetcher = Fetcher();
        Assert.Contains(expected, RefusalOf(await FindAsync(fetcher, server.Url("/bad.json"))));
    }

    [Theory]
    [InlineData("https://other.example.com/client.json")]
    [InlineData("https://localhost/client.json")] // no port: not exactly the URL
    [InlineData("https://localhost:{port}/client.json?")] // trailing '?': not exactly the URL
    [InlineData("https://LOCALHOST:{port}/client.json")] // case: not exactly the URL
    public async Task A_document_naming_another_client_id_is_refused(string documentClientId)
    {
        var other = documentClientId.Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        server.ServeJson("/client.json", $$"""{"client_id":"{{other}}","redirect_uris":["https://app.example.com/cb"]}""");
        using var fetcher = Fetcher();
        Assert.Contains("names a different client_id", RefusalOf(await FindAsync(fetcher, server.Url("/client.json"))));
    }

    [Theory]
    [InlineData(""","token_endpoint_auth_method":"client_secret_basic" """, "public clients only")]
    [InlineData(""","token_endpoint_auth_method":"private_key_jwt" """, "public clients only")]
    [InlineData(""","grant_types":["client_credentials"] """, "grant_types")]
    [InlineData(""","response_types":["token"] """, "response_types")]
    [InlineData(""","application_type":"desktop" """, "application_type")]
    [InlineData(""","logo_uri":"http://app.example.com/logo.png" """, "logo_uri")]
    [InlineData(""","client_name":"Evil\u0007Client" """, "control characters")]
    [InlineData(""","client_name":"\ud800" """, "unpaired surrogate")]
    [InlineData(""","redirect_uris":["https://app.example.com/cb"] """, "repeats a member name")]
    public async Task A_document_with_metadata_this_server_does_not_accept_is_refused(string extra, string expected)
    {
        server.ServeJson("/client.json", server.Document("/client.json", extra.TrimEnd()));
        using var fetcher = Fetcher();
        Assert.Contains(expected, RefusalOf(await FindAsync(fetcher, server.Url("/client.json"))));
    }

    [Theory]
    [InlineData("""[]""", "at least one redirect URI")]
    [InlineData("""["http://app.example.com/cb"]""", "only on a loopback host")]
    [InlineData("""["https://app.example.com/cb#x"]""", "fragment")]
    [InlineData("""[42]""", "array of strings")]
    public async Task A_document_with_unacceptable_redirect_uris_is_refused(string redirectUris, string expected)
    {
        server.ServeJson("/client.json", $$"""{"client_id":"{{server.Url("/client.json")}}","redirect_uris":{{redirectUris}}}""");
        using var fetcher = Fetcher();
        Assert.Contains(expected, RefusalOf(await FindAsync(fetcher, server.Url("/client.json"))));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task A_non_success_status_is_refused_with_the_status(int status)
    {
        server.Serve("/status.json", context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        using var fetcher = Fetcher();
        Assert.Contains($"HTTP {status}", RefusalOf(await FindAsync(fetcher, server.Url("/status.json"))));
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        server.ServeJson("/target.json", server.Document("/redirect.json"));
        server.Serve("/redirect.json", context =>
        {
            context.Response.Redirect(server.Url("/target.json"));
            return Task.CompletedTask;
        });
        using var fetcher = Fetcher();

        Assert.Contains("redirect (HTTP 302)", RefusalOf(await FindAsync(fetcher, server.Url("/redirect.json"))));
        Assert.Equal(0, server.Hits("/target.json"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task A_loopback_host_is_refused_unless_development_allows_it_and_is_never_contacted(string host)
    {
        var clientId = $"https://{host}:{server.Port}/client.json";
        server.ServeJson("/client.json", $$"""{"client_id":"{{clientId}}","redirect_uris":["https://app.example.com/cb"]}""");

        using (var strict = Fetcher(allowPrivate: false))
        {
            Assert.Contains("non-public address", RefusalOf(await FindAsync(strict, clientId)));
            Assert.Equal(0, server.Hits("/client.json"));
        }

        using var development = Fetcher(allowPrivate: true);
        Assert.IsType<OAuthClientLookup.Found>(await FindAsync(development, clientId));
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_is_refused()
    {
        using var fetcher = Fetcher();
        Assert.Contains("does not exist", RefusalOf(await FindAsync(fetcher, "https://no-such-host.invalid/client.json")));
    }

    [Fact]
    public async Task A_document_is_cached_for_five_minutes_by_default()
    {
        server.ServeJson("/client.json", server.Document("/client.json"));
        using var fetcher = Fetcher();

        await FindAsync(fetcher, server.Url("/client.json"));
        time.Advance(ClientMetadataDocumentCache.DefaultLifetime - TimeSpan.FromSeconds(1));
        Assert.IsType<OAuthClientLookup.Found>(await FindAsync(fetcher, server.Url("/client.json")));
        Assert.Equal(1, server.Hits("/client.json"));

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.IsType<OAuthClientLookup.Found>(await FindAsync(fetcher, server.Url("/client.json")));
        Assert.Equal(2, server.Hits("/client.json"));
    }

    [Theory]
    [InlineData("max-age=3600", 3599, 3601)]
    [InlineData("public, max-age=10", 59, 61)] // raised to the 1-minute floor
    [InlineData("max-age=0", 59, 61)]
    [InlineData("max-age=604800", 86_399, 86_401)] // lowered to the 24-hour ceiling
    public async Task Max_age_sets_the_cache_lifetime_within_bounds(string cacheControl, int stillCachedAt, int refetchedAt)
    {
        server.ServeJson("/client.json", server.Document("/client.json"), cacheControl);
        using var fetcher = Fetcher();

        await FindAsync(fetcher, server.Url("/client.json"));
        time.Advance(TimeSpan.FromSeconds(stillCachedAt));
        await FindAsync(fetcher, server.Url("/client.json"));
        Assert.Equal(1, server.Hits("/client.json"));

        time.Advance(TimeSpan.FromSeconds(refetchedAt - stillCachedAt));
        await FindAsync(fetcher, server.Url("/client.json"));
        Assert.Equal(2, server.Hits("/client.json"));
    }

    [Theory]
    [InlineData("no-store")]
    [InlineData("no-cache")]
    public async Task No_store_and_no_cache_are_fetched_every_time(string cacheControl)
    {
        server.ServeJson("/client.json", server.Document("/client.json"), cacheControl);
        using var fetcher = Fetcher();

        await FindAsync(fetcher, server.Url("/client.json"));
        await FindAsync(fetcher, server.Url("/client.json"));
        Assert.Equal(2, server.Hits("/client.json"));
    }

    [Fact]
    public async Task A_refused_document_is_not_cached_so_a_fixed_one_works_at_once()
    {
        server.ServeJson("/client.json", """{"client_id":"https://elsewhere.example/client.json","redirect_uris":["https://a.example/cb"]}""");
        using var fetcher = Fetcher();
        Assert.IsType<OAuthClientLookup.Refused>(await FindAsync(fetcher, server.Url("/client.json")));

        server.ServeJson("/client.json", server.Document("/client.json"));
        Assert.IsType<OAuthClientLookup.Found>(await FindAsync(fetcher, server.Url("/client.json")));
    }

    [Fact]
    public async Task The_request_asks_for_json()
    {
        string? accept = null;
        server.Serve("/client.json", async context =>
        {
            accept = context.Request.Headers.Accept;
            await context.Response.WriteAsync(server.Document("/client.json"));
        });
        using var fetcher = Fetcher();
        await FindAsync(fetcher, server.Url("/client.json"));
        Assert.Equal("application/json", accept);
    }
}
