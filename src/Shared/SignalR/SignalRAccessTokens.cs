using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.SignalR;

/// <summary>
/// The JWTs Azure SignalR Service accepts in serverless mode: HS256 keyed by the AccessKey's UTF-8 bytes,
/// with <c>aud</c> the URL being called and an <c>exp</c>.
/// https://learn.microsoft.com/azure/azure-signalr/signalr-reference-data-plane-rest-api#authentication-via-accesskey-in-azure-signalr-service
/// </summary>
public sealed class SignalRAccessTokens(SignalRSettings settings, TimeProvider time)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials? credentials = settings.Endpoint is { } endpoint ? Credentials(endpoint.AccessKey) : null;

    public static SigningCredentials Credentials(string accessKey) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(accessKey)), SecurityAlgorithms.HmacSha256);

    /// <summary>The token a client presents to the service's client endpoint (negotiate's <c>accessToken</c>).</summary>
    public string ForClient(string hub, string userId, IReadOnlyDictionary<string, object> claims, TimeSpan lifetime)
    {
        var endpoint = settings.Endpoint ?? throw new InvalidOperationException("SignalR is not configured.");
        var all = new Dictionary<string, object>(claims)
        {
            [HubContract.UserIdClaim] = userId,
            [HubContract.NameIdentifierClaim] = userId,
        };
        return Create(endpoint.ClientAudience(hub), lifetime, all);
    }

    /// <summary>The bearer token of one REST API call.</summary>
    public string ForRest(string audience) => Create(audience, DefaultLifetime, new Dictionary<string, object>());

    private string Create(string audience, TimeSpan lifetime, Dictionary<string, object> claims)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = credentials ?? throw new InvalidOperationException("SignalR is not configured."),
            Claims = claims,
        });
    }
}
