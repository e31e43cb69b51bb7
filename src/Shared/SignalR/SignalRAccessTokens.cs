using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.SignalR;

/// <summary>
/// The JWTs Azure SignalR Service accepts in serverless mode: HS256 keyed by the key's UTF-8 bytes, with <c>aud</c>
/// the URL being called and an <c>exp</c>; with a temporary key from Microsoft Entra authentication, the header's
/// <c>kid</c> names it. https://learn.microsoft.com/azure/azure-signalr/signalr-reference-data-plane-rest-api#authentication-via-accesskey-in-azure-signalr-service
/// </summary>
public sealed class SignalRAccessTokens(SignalRSigningKeys keys, TimeProvider time)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private volatile SigningPair? last;

    public static SigningCredentials Credentials(string accessKey, string? keyId = null) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(accessKey)) { KeyId = keyId }, SecurityAlgorithms.HmacSha256);

    /// <summary>The token a client presents to the service's client endpoint (negotiate's <c>accessToken</c>).</summary>
    public async ValueTask<string> ForClientAsync(SignalRServiceEndpoint endpoint, string hub, string userId, IReadOnlyDictionary<string, object> claims, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, object>(claims)
        {
            [HubContract.UserIdClaim] = userId,
            [HubContract.NameIdentifierClaim] = userId,
        };
        return Create(await keys.GetAsync(cancellationToken).ConfigureAwait(false), endpoint.ClientAudience(hub), lifetime, all);
    }

    /// <summary>The bearer token of one REST API call.</summary>
    public async ValueTask<string> ForRestAsync(string audience, CancellationToken cancellationToken) =>
        Create(await keys.GetAsync(cancellationToken).ConfigureAwait(false), audience, DefaultLifetime, []);

    private string Create(SignalRSigningKey key, string audience, TimeSpan lifetime, Dictionary<string, object> claims)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = CredentialsFor(key),
            Claims = claims,
        });
    }

    /// <summary>The credentials of the current key, made once per key rather than once per token.</summary>
    private SigningCredentials CredentialsFor(SignalRSigningKey key)
    {
        if (last is { } pair && ReferenceEquals(pair.Key, key))
        {
            return pair.Credentials;
        }

        var made = new SigningPair(key, Credentials(key.Value, key.KeyId));
        last = made;
        return made.Credentials;
    }

    private sealed record SigningPair(SignalRSigningKey Key, SigningCredentials Credentials);
}
