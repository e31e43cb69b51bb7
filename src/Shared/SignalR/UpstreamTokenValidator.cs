using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignMcp.SignalR;

/// <summary>
/// Checks the bearer token the service sends upstream when its upstream authentication is a managed identity:
/// RS256 by a key published at the configured keys URL, <c>aud</c> and <c>iss</c> exactly as configured, and a
/// lifetime measured on the app's clock (five minutes' skew, as Entra's own validators allow). The published keys
/// are fetched once, again when a token names a key not yet seen (at most every five minutes), and daily.
/// https://learn.microsoft.com/azure/azure-signalr/concept-upstream#authentication
/// </summary>
public sealed partial class UpstreamTokenValidator(SignalRSettings settings, IHttpClientFactory httpClients, TimeProvider time, ILogger<UpstreamTokenValidator> logger) : IDisposable
{
    public const string HttpClientName = "signalr-upstream-keys";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RefetchAfterUnknownKey = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan KeysLifetime = TimeSpan.FromHours(24);
    private readonly JsonWebTokenHandler handler = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile IReadOnlyList<SecurityKey>? keys;
    private DateTimeOffset fetchedAt = DateTimeOffset.MinValue;

    /// <summary>Null when the call carries a valid token, else the reason (for the audit line and the log).</summary>
    public async Task<string?> ValidateAsync(string authorization, CancellationToken cancellationToken)
    {
        var upstream = settings.Upstream ?? throw new InvalidOperationException("Upstream token validation is not configured.");
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
        {
            return "upstream_token_missing";
        }

        var token = authorization[7..].Trim();
        var signingKeys = await KeysAsync(upstream, refetch: false, cancellationToken).ConfigureAwait(false);
        var result = await ValidateAsync(token, upstream, signingKeys).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // Entra rolls its keys: a key not seen yet is fetched before the token is refused.
            result = await ValidateAsync(token, upstream, await KeysAsync(upstream, refetch: true, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        if (!result.IsValid)
        {
            return result.Exception switch
            {
                SecurityTokenInvalidAudienceException => "upstream_token_audience",
                SecurityTokenInvalidIssuerException => "upstream_token_issuer",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "upstream_token_signature",
                SecurityTokenInvalidAlgorithmException => "upstream_token_algorithm",
                _ => "upstream_token_malformed",
            };
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var now = time.GetUtcNow().UtcDateTime;
        if (!jwt.TryGetPayloadValue<long>("exp", out _) || now > jwt.ValidTo + ClockSkew || (jwt.ValidFrom != DateTime.MinValue && now < jwt.ValidFrom - ClockSkew))
        {
            return "upstream_token_expired";
        }

        return null;
    }

    private Task<TokenValidationResult> ValidateAsync(string token, UpstreamIdentity upstream, IReadOnlyList<SecurityKey> signingKeys) =>
        handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidAudience = upstream.Audience,
            ValidateAudience = true,
            ValidIssuer = upstream.Issuer,
            ValidateIssuer = true,
            IssuerSigningKeys = signingKeys,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            // Checked above on the app's TimeProvider.
            ValidateLifetime = false,
        });

    private async Task<IReadOnlyList<SecurityKey>> KeysAsync(UpstreamIdentity upstream, bool refetch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (keys is { } known && now - fetchedAt < KeysLifetime && (!refetch || now - fetchedAt < RefetchAfterUnknownKey))
        {
            return known;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (keys is { } again && now - fetchedAt < KeysLifetime && (!refetch || now - fetchedAt < RefetchAfterUnknownKey))
            {
                return again;
            }

            try
            {
                var json = await httpClients.CreateClient(HttpClientName).GetStringAsync(upstream.KeysUrl, cancellationToken).ConfigureAwait(false);
                keys = [.. new JsonWebKeySet(json).GetSigningKeys()];
                fetchedAt = now;
            }
            catch (Exception exception) when (exception is HttpRequestException or ArgumentException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                KeysUnavailable(logger, exception, upstream.KeysUrl.GetLeftPart(UriPartial.Path));
            }

            return keys ?? [];
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(EventId = 1407, Level = LogLevel.Error, Message = "Could not fetch the upstream token signing keys from {KeysUrl}")]
    private static partial void KeysUnavailable(ILogger logger, Exception exception, string keysUrl);
}
