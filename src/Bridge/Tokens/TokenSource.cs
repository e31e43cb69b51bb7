using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignMcp.Bridge.Configuration;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Bridge.Tokens;

/// <summary>
/// Buys access tokens with the API key and keeps one fresh: a token is renewed shortly before its
/// <c>expires_in</c> runs out, or at once when the server calls it invalid. Never logs the key or a token.
/// </summary>
public sealed partial class TokenSource(HttpClient http, BridgeOptions options, TimeProvider time, ILogger<TokenSource> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;
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

            var (fresh, expiresIn) = await RequestAsync(cancellationToken).ConfigureAwait(false);
            token = fresh;
            // Renew a fifth of the lifetime early, at most five minutes early.
            renewAt = time.GetUtcNow() + TimeSpan.FromSeconds(expiresIn - Math.Min(300, expiresIn / 5.0));
            TokenRenewed(logger, options.ClientId, expiresIn);
            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(string Token, long ExpiresIn)> RequestAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenEndpoint)
        {
            Content = JsonContent.Create(new Dictionary<string, object> { ["client_id"] = options.ClientId, ["scope"] = options.Scopes }),
        };
        request.Headers.Add("X-API-Key", options.ApiKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new ServerUnreachableException($"Cannot reach {options.ServerUrl} ({exception.HttpRequestError}: {exception.Message})", exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && TryRead(body, out var accessToken, out var expiresIn))
            {
                return (accessToken, expiresIn);
            }

            var message = ErrorMessage(body) ?? $"HTTP {(int)response.StatusCode}";
            throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                ? new TokenRejectedException($"The server refused a token for client '{options.ClientId}': {message}")
                : new ServerUnreachableException($"The token endpoint answered {(int)response.StatusCode}: {message}");
        }
    }

    private static bool TryRead(string body, out string accessToken, out long expiresIn)
    {
        accessToken = "";
        expiresIn = 0;
        try
        {
            var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
            accessToken = data.GetProperty("access_token").GetString() ?? "";
            expiresIn = data.GetProperty("expires_in").GetInt64();
            return accessToken.Length > 0 && expiresIn > 0;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string? ErrorMessage(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString();
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Obtained a token for client {ClientId}, valid {ExpiresIn}s")]
    private static partial void TokenRenewed(ILogger logger, string clientId, long expiresIn);
}
