using System.Net;
using System.Text;
using Azure.Core;
using Azure.Identity;
using CampaignMcp.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CampaignMcp.Tests.SignalR;

/// <summary>Identity-based connection strings and the temporary keys of Microsoft Entra authentication.</summary>
public class SignalREntraAuthTests
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData($"Endpoint=https://x.service.signalr.net;AuthType=azure.msi;ClientId={ClientId};Version=1.0;", SignalRAuthKind.ManagedIdentity, ClientId)]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.msi;Version=1.0;", SignalRAuthKind.ManagedIdentity, null)]
    [InlineData($"endpoint=https://x.service.signalr.net;authtype=Azure.App;clientid={ClientId};tenantid=t;clientsecret=s", SignalRAuthKind.Application, ClientId)]
    [InlineData($"Endpoint=https://x.service.signalr.net;AuthType=aad;ClientId={ClientId}", SignalRAuthKind.ManagedIdentity, ClientId)]
    [InlineData($"Endpoint=https://x.service.signalr.net;AuthType=aad;ClientId={ClientId};TenantId=t;ClientSecret=s", SignalRAuthKind.Application, ClientId)]
    public void Identity_based_connection_strings_parse_as_the_sdks_document_them(string connectionString, SignalRAuthKind auth, string? clientId)
    {
        Assert.True(SignalRServiceEndpoint.TryParse(connectionString, out var endpoint, out var error), error);
        Assert.Equal(auth, endpoint.Auth);
        Assert.Equal(clientId, endpoint.ClientId);
        Assert.Null(endpoint.AccessKey);
        Assert.Equal("https://x.service.signalr.net/api/v1/auth/accessKey", endpoint.AccessKeyUrl);
    }

    [Fact]
    public void The_access_key_api_is_called_on_the_server_endpoint_when_there_is_one()
    {
        Assert.True(SignalRServiceEndpoint.TryParse("Endpoint=https://x.service.signalr.net;AuthType=azure.msi;ServerEndpoint=https://private.example", out var endpoint, out _));
        Assert.Equal("https://private.example/api/v1/auth/accessKey", endpoint.AccessKeyUrl);
    }

    [Theory]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.app;ClientId=c;TenantId=t", "ClientSecret")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.app;TenantId=t;ClientSecret=hidden-value", "ClientId")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure", "DefaultAzureCredential")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=kerberos", "supported: azure.msi, azure.app")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.msi;ClientSecret=hidden-value", "a managed identity has none")]
    [InlineData("Endpoint=https://x.service.signalr.net;AuthType=azure.msi;AccessKey=hidden-value", "both AccessKey and AuthType")]
    public void A_bad_identity_based_connection_string_is_a_startup_error_that_echoes_no_secret(string connectionString, string problem)
    {
        var result = new SignalRSettingsValidator().Validate(null, new SignalRSettingsSource { ConnectionString = connectionString });
        Assert.True(result.Failed);
        Assert.StartsWith("AzureSignalRConnectionString ", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-value", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_functions_identity_settings_give_a_managed_identity_endpoint()
    {
        Assert.True(SignalRSettings.TryResolve(new SignalRSettingsSource { ServiceUri = "https://x.service.signalr.net", Credential = "managedidentity", ClientId = ClientId }, out var settings, out var error), error);
        Assert.Equal(SignalRAuthKind.ManagedIdentity, settings.Endpoint!.Auth);
        Assert.Equal(ClientId, settings.Endpoint.ClientId);
    }

    // One row per failure kind of the settings around identities and the upstream token.
    [Theory]
    [InlineData("https://x.service.signalr.net", null, null, null, null, "__credential=managedidentity")]
    [InlineData("https://x.service.signalr.net", "secret-store", null, null, null, "__credential takes only")]
    [InlineData("not a url", "managedidentity", null, null, null, "__serviceUri")]
    [InlineData(null, null, "api://upstream", null, null, "MCP_SIGNALR_UPSTREAM_ISSUER")]
    [InlineData(null, null, null, "https://sts.windows.net/t/", null, "MCP_SIGNALR_UPSTREAM_AUDIENCE")]
    [InlineData(null, null, "api://upstream", "https://sts.windows.net/t/", "http://keys.example/keys", "MCP_SIGNALR_UPSTREAM_KEYS_URL")]
    public void Bad_identity_or_upstream_settings_are_startup_errors_naming_the_setting(string? serviceUri, string? credential, string? audience, string? issuer, string? keysUrl, string problem)
    {
        var result = new SignalRSettingsValidator().Validate(null, new SignalRSettingsSource
        {
            ServiceUri = serviceUri,
            Credential = credential,
            UpstreamAudience = audience,
            UpstreamIssuer = issuer,
            UpstreamKeysUrl = keysUrl,
        });
        Assert.True(result.Failed);
        Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_and_service_uri_together_are_refused()
    {
        Assert.False(SignalRSettings.TryResolve(new SignalRSettingsSource { ConnectionString = "Endpoint=https://x.service.signalr.net;AuthType=azure.msi", ServiceUri = "https://x.service.signalr.net", Credential = "managedidentity" }, out _, out var error));
        Assert.Contains("both set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_is_fetched_with_the_entra_token_and_tokens_name_it_by_kid()
    {
        var (keys, service, _) = Create();
        var tokens = new SignalRAccessTokens(keys, new FakeTimeProvider(Now));
        var token = new JsonWebToken(await tokens.ForRestAsync("https://x.service.signalr.net/api/hubs/mcp/:send", CancellationToken.None));

        var request = Assert.Single(service.Requests);
        Assert.Equal("GET https://x.service.signalr.net/api/v1/auth/accessKey", request);
        Assert.Equal(["https://signalr.azure.com/.default"], service.Scopes);
        Assert.Equal("key-1", token.Kid);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token.EncodedToken, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            IssuerSigningKey = SignalRAccessTokens.Credentials("secret-1-0123456789abcdef0123456789abcdef", "key-1").Key,
            ValidateAudience = false,
            ValidateIssuer = false,
            ValidateLifetime = false,
        });
        Assert.True(validation.IsValid);
    }

    [Fact]
    public async Task A_failed_refresh_keeps_the_previous_key_until_it_expires_then_reports_why()
    {
        var time = new FakeTimeProvider(Now);
        var (keys, service, _) = Create(time);
        Assert.Equal("key-1", (await keys.GetAsync(CancellationToken.None)).KeyId);

        service.Status = HttpStatusCode.Forbidden;
        time.Advance(TimeSpan.FromMinutes(56));
        Assert.Equal("key-1", (await keys.GetAsync(CancellationToken.None)).KeyId);
        Assert.Contains("SignalR App Server", keys.Problem, StringComparison.Ordinal);

        // Within the minute after a failure, no new attempt: the service is not asked again.
        var asked = service.Requests.Count;
        await keys.GetAsync(CancellationToken.None);
        Assert.Equal(asked, service.Requests.Count);

        time.Advance(TimeSpan.FromMinutes(65));
        var error = await Assert.ThrowsAsync<SignalRUnavailableException>(() => keys.GetAsync(CancellationToken.None).AsTask());
        Assert.Contains("SignalR App Server", error.Message, StringComparison.Ordinal);

        service.Status = HttpStatusCode.OK;
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("key-2", (await keys.GetAsync(CancellationToken.None)).KeyId);
        Assert.Null(keys.Problem);
    }

    // One row per way the exchange can fail; none of the messages carries the token or a key.
    [Theory]
    [InlineData("credential", "no Microsoft Entra token")]
    [InlineData("unauthorized", "refused")]
    [InlineData("server_error", "answered 500")]
    [InlineData("no_fields", "no usable key")]
    public async Task A_failed_exchange_says_why(string kind, string problem)
    {
        var (keys, service, credential) = Create();
        credential.Fail = kind == "credential";
        service.Status = kind switch { "unauthorized" => HttpStatusCode.Unauthorized, "server_error" => HttpStatusCode.InternalServerError, _ => HttpStatusCode.OK };
        service.Body = kind == "no_fields" ? """{"KeyId":""}""" : null;
        var error = await Assert.ThrowsAsync<SignalRUnavailableException>(() => keys.GetAsync(CancellationToken.None).AsTask());
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("entra-token", error.Message, StringComparison.Ordinal);
    }

    private static (SignalRSigningKeys Keys, AccessKeyApi Service, StubCredential Credential) Create(TimeProvider? time = null)
    {
        var settings = SignalRSettings.Resolve(new SignalRSettingsSource { ConnectionString = $"Endpoint=https://x.service.signalr.net;AuthType=azure.msi;ClientId={ClientId};Version=1.0;" });
        var service = new AccessKeyApi();
        var credential = new StubCredential(service);
        var keys = new SignalRSigningKeys(settings, new StubFactory(credential), new SingleClientFactory(new HttpClient(service)), time ?? new FakeTimeProvider(Now), NullLogger<SignalRSigningKeys>.Instance);
        return (keys, service, credential);
    }

    private sealed class AccessKeyApi : HttpMessageHandler
    {
        private int issued;

        public List<string> Requests { get; } = [];

        public List<string> Scopes { get; } = [];

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public string? Body { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add($"{request.Method} {request.RequestUri}");
            Assert.Equal("Bearer entra-token", request.Headers.Authorization!.ToString());
            if (Status != HttpStatusCode.OK)
            {
                return Task.FromResult(new HttpResponseMessage(Status));
            }

            var number = Interlocked.Increment(ref issued);
            var body = Body ?? $$"""{"KeyId":"key-{{number}}","AccessKey":"secret-{{number}}-0123456789abcdef0123456789abcdef"}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private sealed class StubCredential(AccessKeyApi service) : TokenCredential
    {
        public bool Fail { get; set; }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            service.Scopes.AddRange(requestContext.Scopes);
            return Fail
                ? throw new AuthenticationFailedException("ManagedIdentityCredential authentication failed")
                : ValueTask.FromResult(new AccessToken("entra-token", Now.AddHours(1)));
        }
    }

    private sealed class StubFactory(TokenCredential credential) : ISignalRCredentialFactory
    {
        public TokenCredential Create(SignalRServiceEndpoint endpoint) => credential;
    }

    private sealed class SingleClientFactory(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
