using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>
/// A local stand-in for Microsoft Entra ID and the platform's managed identity: it issues RS256 tokens for one
/// process-local issuer, through the App Service managed-identity protocol (<c>GET ?resource=…&amp;api-version=2019-08-01
/// &amp;client_id=…</c> with the <c>X-IDENTITY-HEADER</c> secret, answer <c>{access_token, expires_on, resource,
/// token_type}</c>), and publishes its key as a JWKS, as Entra publishes its own.
/// https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference
/// </summary>
public sealed class LocalEntra : IDisposable
{
    public const string PathBase = "/entra";
    public const string TokenPath = PathBase + "/msi/token";
    public const string KeysPath = PathBase + "/discovery/keys";
    public const string IdentityHeaderName = "X-IDENTITY-HEADER";
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private readonly RSA rsa = RSA.Create(2048);
    private readonly RsaSecurityKey key;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    public LocalEntra(string baseUrl)
    {
        key = new RsaSecurityKey(rsa) { KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) };
        Issuer = $"{baseUrl.TrimEnd('/')}{PathBase}/{TenantId}/";
        TokenUrl = new Uri($"{baseUrl.TrimEnd('/')}{TokenPath}");
        KeysUrl = new Uri($"{baseUrl.TrimEnd('/')}{KeysPath}");
    }

    /// <summary>The app's clock, set when the host is built (tests run it on fake time).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    public string TenantId { get; } = Guid.NewGuid().ToString();

    public string Issuer { get; }

    public Uri TokenUrl { get; }

    public Uri KeysUrl { get; }

    /// <summary>The platform's per-process secret the managed-identity endpoint requires (App Service's <c>IDENTITY_HEADER</c>).</summary>
    public string IdentityHeader { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The client id of the app's managed identity, and of the stand-in service's own.</summary>
    public string AppClientId { get; } = Guid.NewGuid().ToString();

    public string ServiceClientId { get; } = Guid.NewGuid().ToString();

    /// <summary>An access token for <paramref name="audience"/> as <paramref name="clientId"/>, valid for an hour on the app's clock.</summary>
    public string Issue(string clientId, string audience, string? issuer = null, TimeSpan? lifetime = null)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(Time.GetUtcNow().ToUnixTimeSeconds());
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? TokenLifetime)).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object> { ["appid"] = clientId, ["oid"] = clientId, ["sub"] = clientId, ["tid"] = TenantId },
        });
    }

    /// <summary>The token's <c>appid</c> when this issuer signed it for <paramref name="audience"/> and it has not expired; else null.</summary>
    public async Task<string?> ValidateAsync(string? token, string audience)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidIssuer = Issuer,
            ValidAudience = audience,
            ValidateLifetime = false,
            RequireSignedTokens = true,
        }).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || Time.GetUtcNow().UtcDateTime > jwt.ValidTo)
        {
            return null;
        }

        return result.ClaimsIdentity.FindFirst("appid")?.Value;
    }

    /// <summary><c>GET /entra/msi/token</c>: 401 without the identity header, 400 without a resource, else a token.</summary>
    public async Task TokenAsync(HttpContext context)
    {
        var request = context.Request;
        if (!string.Equals(request.Headers[IdentityHeaderName].ToString(), IdentityHeader, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_request", error_description = "The identity header is missing or wrong" }).ConfigureAwait(false);
            return;
        }

        var resource = request.Query["resource"].ToString();
        var clientId = request.Query["client_id"].ToString();
        if (resource.Length == 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_request", error_description = "resource is required" }).ConfigureAwait(false);
            return;
        }

        var expiresOn = Time.GetUtcNow().ToUnixTimeSeconds() + (long)TokenLifetime.TotalSeconds;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            ["access_token"] = Issue(clientId.Length == 0 ? AppClientId : clientId, resource),
            ["expires_on"] = expiresOn.ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = clientId.Length == 0 ? AppClientId : clientId,
        }).ConfigureAwait(false);
    }

    /// <summary><c>GET /entra/discovery/keys</c>: the public key as a JWKS (RFC 7517).</summary>
    public Task KeysAsync(HttpContext context)
    {
        var parameters = rsa.ExportParameters(false);
        var body = JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        });
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    }

    public void Dispose() => rsa.Dispose();
}
