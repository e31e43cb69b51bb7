using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignMcp.Bridge.Configuration;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// Buys access tokens with the API key and keeps one fresh: renewed shortly before its <c>expires_in</c> runs
/// out, or at once when the server calls it invalid. Renewal uses the refresh token (so the key crosses the
/// network once per session, not once a day) and falls back to the API key. Never logs the key or a token.
/// </summary>
public sealed partial class TokenSource(HttpClient http, BridgeOptions options, TimeProvider time, ILogger<TokenSource> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;
    private string? refreshToken;
    private DateTimeOffset renewAt;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var current = token;
        return current is not null && time.GetUtcNow() < renewAt ? current : await RenewAsync(current, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renews unless another caller already replaced <paramref name="stale"/>.</summary>
    public async Task<string> RenewAsync(string? stale, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (token is not null && token != stale && time.GetUtcNow() < renewAt)
            {
                return token;
            }

            if (refreshToken is { } presented)
            {
                refreshToken = null;
                try
                {
                    return await RequestAsync(options.RefreshEndpoint, new() { ["refresh_token"] = presented }, apiKey: null, cancellationToken).ConfigureAwait(false);
                }
                catch (UpstreamException exception) when (!exception.Transient)
                {
                    // Expired, revoked or refresh turned off: the API key still works.
                    RefreshRefused(logger, exception.Message);
                }
            }

            return await RequestAsync(options.TokenEndpoint, new() { ["client_id"] = options.ClientId, ["scope"] = options.Scopes }, options.ApiKey, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Posts to a token endpoint and keeps what it hands out.</summary>
    private async Task<string> RequestAsync(Uri endpoint, Dictionary<string, object> body, string? apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var (accessToken, expiresIn, nextRefresh, error) = Read(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (response.IsSuccessStatusCode && accessToken is { Length: > 0 } && expiresIn > 0)
            {
                token = accessToken;
                refreshToken = nextRefresh;
                // Renew a fifth of the lifetime early, at most five minutes early.
                renewAt = time.GetUtcNow() + TimeSpan.FromSeconds(expiresIn - Math.Min(300, expiresIn / 5.0));
                TokenRenewed(logger, options.ClientId, expiresIn);
                return accessToken;
            }

            var message = error ?? $"HTTP {(int)response.StatusCode}";
            throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                ? new UpstreamException($"The server refused a token for client '{options.ClientId}': {message}", transient: false, BridgeErrorCodes.AuthenticationRequired)
                : new UpstreamException($"The token endpoint answered {(int)response.StatusCode}: {message}");
        }
        catch (HttpRequestException exception)
        {
            throw new UpstreamException($"Cannot reach {options.ServerUrl} ({exception.HttpRequestError}: {exception.Message})", inner: exception);
        }
    }

    /// <summary>The token endpoint's envelope: <c>{data:{access_token, expires_in, refresh_token}}</c> or <c>{error:{message}}</c>.</summary>
    private static (string? Token, long ExpiresIn, string? RefreshToken, string? Error) Read(string body)
    {
        try
        {
            var json = JsonNode.Parse(body);
            var data = json?["data"];
            return (data?["access_token"]?.GetValue<string>(), data?["expires_in"]?.GetValue<long>() ?? 0, data?["refresh_token"]?.GetValue<string>(), json?["error"]?["message"]?.GetValue<string>());
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return default; // not the server's envelope (a proxy's page)
        }
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Obtained a token for client {ClientId}, valid {ExpiresIn}s")]
    private static partial void TokenRenewed(ILogger logger, string clientId, long expiresIn);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "The refresh token was refused ({Reason}); using the API key")]
    private static partial void RefreshRefused(ILogger logger, string reason);
}
