using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignMcp.TestSupport;

namespace CampaignMcp.Security.Tests.Attacks;

/// <summary>
/// The token endpoints: hostile requests to <c>/auth/token</c> (X-API-Key, JSON envelope) and
/// <c>/oauth/token</c> (RFC 6749 §5.2 errors), each refused with its status and code, audited when it is an
/// authentication or authorization refusal, and never logging the key it presented. The failed-attempt
/// limit is set out of reach here; <c>LockoutTests</c> exercises it.
/// </summary>
public sealed class TokenEndpointAttackTests : IAsyncLifetime
{
    private const string TokenPath = TestTokens.TokenPath;
    private const string OAuthTokenPath = AttackHost.OAuthTokenPath;
    private const string Key = RunningHost.ApiKey;
    private const string GoodBody = """{"client_id":"claude","scope":["campaigns:read"]}""";
    private AttackHost target = null!;

    public static IReadOnlyList<EndpointAttack> Attacks { get; } =
    [
        new("no X-API-Key", address => Token(address, null), HttpStatusCode.Unauthorized, "AUTH_REQUIRED", "api_key_missing"),
        new("wrong key", address => Token(address, "wrong-key-0123456789abcdef"), HttpStatusCode.Unauthorized, "INVALID_API_KEY", "api_key_invalid"),
        new("key differing in case", address => Token(address, Key.ToUpperInvariant()), HttpStatusCode.Unauthorized, "INVALID_API_KEY", "api_key_invalid"),
        new("key prefix, last character missing", address => Token(address, Key[..^1]), HttpStatusCode.Unauthorized, "INVALID_API_KEY", "api_key_invalid"),
        new("key with a character appended", address => Token(address, Key + "0"), HttpStatusCode.Unauthorized, "INVALID_API_KEY", "api_key_invalid"),
        new("key with an escaped space appended", address => Token(address, Key + "%20"), HttpStatusCode.Unauthorized, "INVALID_API_KEY", "api_key_invalid"),
        new("right and wrong key in two X-API-Key fields", address => With(Token(address, Key), request => request.Headers.Add("X-API-Key", "wrong-key-0123456789abcdef")), HttpStatusCode.Unauthorized, "INVALID_API_KEY", "api_key_invalid"),
        new("key in the query string instead of the header", address => Token(address, null, path: $"{TokenPath}?api_key={Key}&X-API-Key={Key}"), HttpStatusCode.Unauthorized, "AUTH_REQUIRED", "api_key_missing"),
        new("key as a Bearer token instead of X-API-Key", address => With(Token(address, null), request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key)), HttpStatusCode.Unauthorized, "AUTH_REQUIRED", "api_key_missing"),
        new("correct key, client not allowed", address => Token(address, Key, """{"client_id":"mallory"}"""), HttpStatusCode.Forbidden, "CLIENT_NOT_ALLOWED", "client_not_allowed", 1002),
        new("correct key, client id with SQL characters", address => Token(address, Key, """{"client_id":"claude' OR '1'='1"}"""), HttpStatusCode.Forbidden, "CLIENT_NOT_ALLOWED", "client_not_allowed", 1002),
        new("correct key, unknown scope", address => Token(address, Key, """{"client_id":"claude","scope":["campaigns:read","admin"]}"""), HttpStatusCode.BadRequest, "INVALID_SCOPE", null),
        new("correct key, duplicate client_id members", address => Token(address, Key, """{"client_id":"mallory","client_id":"claude"}"""), HttpStatusCode.BadRequest, "INVALID_REQUEST", null),
        new("correct key, body not an object", address => Token(address, Key, """["claude"]"""), HttpStatusCode.BadRequest, "INVALID_REQUEST", null),
        new("correct key, form content type", address => Token(address, Key, "client_id=claude", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", null),
        new("correct key, body over 16 KiB", address => Token(address, Key, $$"""{"client_id":"claude","pad":"{{new string('x', 17 * 1024)}}"}"""), HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE", null),
        new("wrong key, body over 16 KiB", address => Token(address, "wrong-key-0123456789abcdef", $$"""{"client_id":"claude","pad":"{{new string('x', 17 * 1024)}}"}"""), HttpStatusCode.Unauthorized, "INVALID_API_KEY", "api_key_invalid"),

        new("OAuth: wrong secret with Basic", address => OAuth(address, "grant_type=client_credentials", basic: ("claude", "wrong-key-0123456789abcdef")), HttpStatusCode.Unauthorized, "invalid_client", "client_secret_invalid"),
        new("OAuth: wrong secret with client_secret_post", address => OAuth(address, "grant_type=client_credentials&client_id=claude&client_secret=wrong-key-0123456789abcdef"), HttpStatusCode.Unauthorized, "invalid_client", "client_secret_invalid"),
        new("OAuth: no client secret", address => OAuth(address, "grant_type=client_credentials&client_id=claude"), HttpStatusCode.Unauthorized, "invalid_client", "client_credentials_missing"),
        new("OAuth: both Basic and client_secret_post", address => OAuth(address, $"grant_type=client_credentials&client_secret={Key}", basic: ("claude", Key)), HttpStatusCode.BadRequest, "invalid_request", null),
        new("OAuth: Basic credentials not base64", address => With(OAuth(address, "grant_type=client_credentials"), request => request.Headers.TryAddWithoutValidation("Authorization", "Basic !!not-base64!!")), HttpStatusCode.BadRequest, "invalid_request", null),
        new("OAuth: duplicate client_id parameters", address => OAuth(address, $"grant_type=client_credentials&client_id=mallory&client_id=claude&client_secret={Key}"), HttpStatusCode.BadRequest, "invalid_request", null),
        new("OAuth: duplicate grant_type parameters", address => OAuth(address, $"grant_type=client_credentials&grant_type=refresh_token&client_id=claude&client_secret={Key}"), HttpStatusCode.BadRequest, "invalid_request", null),
        new("OAuth: unsupported grant type password", address => OAuth(address, $"grant_type=password&username=claude&password={Key}"), HttpStatusCode.BadRequest, "unsupported_grant_type", null),
        new("OAuth: JSON body instead of a form", address => OAuth(address, $$"""{"grant_type":"client_credentials","client_id":"claude","client_secret":"{{Key}}"}""", mediaType: "application/json"), HttpStatusCode.BadRequest, "invalid_request", null),
        new("OAuth: correct secret, client not allowed", address => OAuth(address, "grant_type=client_credentials", basic: ("mallory", Key)), HttpStatusCode.BadRequest, "unauthorized_client", "client_not_allowed", 1002),
        new("OAuth: correct secret, unknown scope", address => OAuth(address, "grant_type=client_credentials&scope=campaigns:read%20admin", basic: ("claude", Key)), HttpStatusCode.BadRequest, "invalid_scope", null),
    ];

    public static TheoryData<string> Names => new(Attacks.Select(attack => attack.Name));

    public async Task InitializeAsync()
    {
        var settings = RunningHost.BehindProxySettings();
        settings["MCP_LOCKOUT_MAX_FAILURES"] = "100000";
        target = new AttackHost(await RunningHost.StartAsync(settings));
    }

    public async Task DisposeAsync() => await target.Host.DisposeAsync();

    [Fact]
    public void The_catalogue_holds_at_least_10_attacks_on_each_token_endpoint()
    {
        Assert.True(Attacks.Count(attack => !attack.Name.StartsWith("OAuth:", StringComparison.Ordinal)) >= 10);
        Assert.True(Attacks.Count(attack => attack.Name.StartsWith("OAuth:", StringComparison.Ordinal)) >= 10);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_request_is_refused_with_its_status_and_code_and_audited(string name)
    {
        var body = await target.AssertRefusedAsync(Attacks.Single(candidate => candidate.Name == name), "token");
        Assert.False(body.ToString().Contains(Key, StringComparison.Ordinal), "the key is echoed in the response");
        target.AssertNeverLogged(Key);
        target.AssertNeverLogged("wrong-key-0123456789abcdef");
    }

    [Fact]
    public async Task Wrong_keys_get_the_api_key_challenge_and_oauth_basic_failures_the_basic_challenge()
    {
        using var wrongKey = await target.Host.Client.SendAsync(Token(AttackHost.NextAddress(), "wrong-key-0123456789abcdef"));
        Assert.Equal("ApiKey header=\"X-API-Key\", error=\"invalid_key\"", wrongKey.Headers.WwwAuthenticate.ToString());
        using var missing = await target.Host.Client.SendAsync(Token(AttackHost.NextAddress(), null));
        Assert.Equal("ApiKey header=\"X-API-Key\"", missing.Headers.WwwAuthenticate.ToString());

        // RFC 6749 §5.2: a client that used Basic gets a Basic challenge; one that used the body does not.
        using var basic = await target.Host.Client.SendAsync(OAuth(AttackHost.NextAddress(), "grant_type=client_credentials", basic: ("claude", "wrong-key-0123456789abcdef")));
        Assert.Equal("Basic", Assert.Single(basic.Headers.WwwAuthenticate).Scheme);
        using var post = await target.Host.Client.SendAsync(OAuth(AttackHost.NextAddress(), "grant_type=client_credentials&client_id=claude&client_secret=wrong-key-0123456789abcdef"));
        Assert.Empty(post.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task A_trailing_space_after_the_key_is_not_part_of_the_key()
    {
        // Pinned: RFC 9110 §5.5 excludes leading and trailing whitespace from a field value, and Kestrel strips
        // it before the app runs, so "key " is the key. There is nothing to refuse: the server never sees the space.
        using var request = Token(AttackHost.NextAddress(), null);
        request.Headers.TryAddWithoutValidation("X-API-Key", Key + "  ");
        using var response = await target.Host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_same_credentials_done_right_get_tokens_on_both_endpoints()
    {
        using var token = await target.Host.Client.SendAsync(Token(AttackHost.NextAddress(), Key));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var basic = await target.Host.Client.SendAsync(OAuth(AttackHost.NextAddress(), "grant_type=client_credentials&scope=campaigns:read", basic: ("claude", Key)));
        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        using var post = await target.Host.Client.SendAsync(OAuth(AttackHost.NextAddress(), $"grant_type=client_credentials&client_id=claude&client_secret={Key}"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
    }

    private static HttpRequestMessage Token(string address, string? apiKey, string body = GoodBody, string mediaType = "application/json", string path = TokenPath)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json.Body(body, mediaType) };
        request.Headers.Add("X-Forwarded-For", address);
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-API-Key", apiKey);
        }

        return request;
    }

    private static HttpRequestMessage OAuth(string address, string form, (string Id, string Secret)? basic = null, string mediaType = "application/x-www-form-urlencoded")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, OAuthTokenPath) { Content = Json.Body(form, mediaType) };
        request.Headers.Add("X-Forwarded-For", address);
        if (basic is { } credentials)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Id}:{credentials.Secret}")));
        }

        return request;
    }

    private static HttpRequestMessage With(HttpRequestMessage request, Action<HttpRequestMessage> change)
    {
        change(request);
        return request;
    }
}
