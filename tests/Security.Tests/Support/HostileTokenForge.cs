using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CampaignMcp.TestSupport;
using CampaignMcp.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.Security.Tests.Support;

/// <summary>
/// What a hostile token is built from: the target host's issuer, audience, secret and clock, so that each
/// case is right in every respect but the one it attacks; plus real tokens from the host where a case needs one.
/// </summary>
public sealed class HostileTokenForge
{
    private readonly RunningHost host;
    private readonly RunningHost formerHost;

    /// <param name="host">The host under attack; its <c>MCP_JWT_PREVIOUS_SECRETS</c> lists <see cref="HostileTokens.PreviousSecret"/> only.</param>
    /// <param name="formerHost">Same secret, issuer and audience, but still allowing <see cref="HostileTokens.RemovedClient"/>.</param>
    public HostileTokenForge(RunningHost host, RunningHost formerHost)
    {
        this.host = host;
        this.formerHost = formerHost;
        var settings = host.Services.GetRequiredService<TokenSettings>();
        Issuer = settings.Issuer;
        Audience = settings.Audience;
        Secret = settings.JwtSecret!;
    }

    public string Issuer { get; }

    public string Audience { get; }

    public string Secret { get; }

    public string KeyId => KeyIdOf(Secret);

    public long Now => host.Time.GetUtcNow().ToUnixTimeSeconds();

    public static string KeyIdOf(string secret) => SigningKey.KeyIdFor(Encoding.UTF8.GetBytes(secret));

    /// <summary>The header the server writes, as JSON members in order.</summary>
    public Dictionary<string, object> Header(string? kid = null) => new()
    {
        ["alg"] = "HS256",
        ["kid"] = kid ?? KeyId,
        ["typ"] = TokenIssuer.TokenType,
    };

    /// <summary>The claims the server writes (RFC 9068), valid for an hour from now.</summary>
    public Dictionary<string, object> Claims() => new()
    {
        ["iss"] = Issuer,
        ["aud"] = Audience,
        ["sub"] = "claude",
        ["client_id"] = "claude",
        ["scope"] = "campaigns:read campaigns:export tools:call",
        ["jti"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
        ["iat"] = Now,
        ["nbf"] = Now,
        ["exp"] = Now + 3600,
    };

    public static string Json(Dictionary<string, object> members) => JsonSerializer.Serialize(members);

    /// <summary>HS256 over the given members with <paramref name="secret"/> (the host's by default).</summary>
    public string Sign(Dictionary<string, object> header, Dictionary<string, object> claims, string? secret = null) =>
        RawJwt.Hmac(Json(header), Json(claims), secret ?? Secret);

    public string Sign(string headerJson, string payloadJson, string? secret = null, HashAlgorithmName? hash = null) =>
        RawJwt.Hmac(headerJson, payloadJson, secret ?? Secret, hash);

    /// <summary>What the server itself would issue, built by hand: the control that shows the forge is faithful.</summary>
    public string Honest() => Sign(Header(), Claims());

    /// <summary>A real token from the host's token endpoint.</summary>
    public Task<string> IssueAsync(params string[] scopes) => TestTokens.GetAsync(host, scopes);

    public Task<TestGrant> IssueWithRefreshAsync() => TestTokens.GetGrantAsync(host);

    public Task RevokeAsync(string token) => TestTokens.RevokeAsync(host, token);

    public async Task<string> IssueOnFormerHostAsync(string clientId) => (await TestTokens.GetGrantAsync(formerHost, clientId)).AccessToken;
}
