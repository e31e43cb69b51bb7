using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.SignalR;

/// <summary>
/// The key that signs client and REST tokens. With an AccessKey connection string, that key. With Microsoft Entra
/// authentication (local auth disabled on the service), a temporary key obtained as the Microsoft.Azure.SignalR SDK
/// obtains it: an Entra token for <c>https://signalr.azure.com</c> sent as bearer to
/// <c>GET {endpoint}/api/v1/auth/accessKey</c>, answered with <c>{"KeyId", "AccessKey"}</c>; tokens signed with it
/// carry <c>kid</c> = KeyId. The key is fetched again 55 minutes after the last fetch and used for at most 120, the
/// SDK's intervals; a failed fetch is retried no sooner than a minute later, and meanwhile the previous key serves
/// while it lasts. https://learn.microsoft.com/azure/azure-signalr/signalr-concept-authorize-azure-active-directory
/// </summary>
public sealed partial class SignalRSigningKeys(
    SignalRSettings settings,
    ISignalRCredentialFactory credentials,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<SignalRSigningKeys> logger) : IDisposable
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(55);
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromMinutes(120);
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private TokenCredential? credential;
    private SignalRSigningKey? accessKey;
    private volatile HeldKey? held;
    private volatile string? problem;
    private DateTimeOffset nextAttempt = DateTimeOffset.MinValue;

    /// <summary>Why the last attempt to obtain a key failed, for health; null when it succeeded or none was made.</summary>
    public string? Problem => problem;

    public async ValueTask<SignalRSigningKey> GetAsync(CancellationToken cancellationToken)
    {
        var endpoint = settings.Endpoint ?? throw new InvalidOperationException("SignalR is not configured.");
        if (endpoint.Auth == SignalRAuthKind.AccessKey)
        {
            return accessKey ??= new SignalRSigningKey(null, endpoint.AccessKey!);
        }

        if (held is { } fresh && time.GetUtcNow() - fresh.FetchedAt < RefreshAfter)
        {
            return fresh.Key;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            var current = held;
            if (current is not null && now - current.FetchedAt < RefreshAfter)
            {
                return current.Key;
            }

            if (now >= nextAttempt)
            {
                try
                {
                    var key = await FetchAsync(endpoint, cancellationToken).ConfigureAwait(false);
                    held = new HeldKey(key, now);
                    problem = null;
                    AccessKeyObtained(logger, key.KeyId!, endpoint.DisplayName);
                    return key;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    problem = Describe(exception, endpoint);
                    nextAttempt = now + RetryAfterFailure;
                    AccessKeyFailed(logger, exception, problem);
                }
            }

            return current is not null && now - current.FetchedAt < KeyLifetime
                ? current.Key
                : throw new SignalRUnavailableException(problem ?? "No access key from Azure SignalR Service yet.");
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SignalRSigningKey> FetchAsync(SignalRServiceEndpoint endpoint, CancellationToken cancellationToken)
    {
        credential ??= credentials.Create(endpoint);
        var token = await credential.GetTokenAsync(new TokenRequestContext([SignalRServiceEndpoint.EntraResource + "/.default"]), cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.AccessKeyUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var response = await httpClients.CreateClient(SignalRRestClient.HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The access-key API answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("KeyId", out var keyId) && keyId.ValueKind == JsonValueKind.String && keyId.GetString() is { Length: > 0 } id
                && root.TryGetProperty("AccessKey", out var accessKey) && accessKey.ValueKind == JsonValueKind.String && accessKey.GetString() is { Length: > 0 } value)
            {
                return new SignalRSigningKey(id, value);
            }
        }
        catch (JsonException)
        {
            // Reported below, as any other answer without the two fields.
        }

        throw new InvalidDataException("The access-key API answered without KeyId and AccessKey");
    }

    private static string Describe(Exception exception, SignalRServiceEndpoint endpoint)
    {
        var identity = endpoint.Auth == SignalRAuthKind.Application
            ? $"application {endpoint.ClientId}"
            : endpoint.ClientId is { } clientId ? $"managed identity {clientId}" : "the system-assigned managed identity";
        return exception switch
        {
            AuthenticationFailedException or CredentialUnavailableException =>
                $"no Microsoft Entra token for {SignalRServiceEndpoint.EntraResource} could be obtained as {identity}: check that the identity is assigned to the app and the ClientId is its client id",
            HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden } refused =>
                $"Azure SignalR Service refused {identity} ({(int)refused.StatusCode!}): grant it the SignalR App Server role on the service (a new role assignment can take up to 30 minutes to apply)",
            HttpRequestException { StatusCode: { } status } => $"Azure SignalR Service's access-key API answered {(int)status} for {identity}",
            HttpRequestException or TaskCanceledException => $"Azure SignalR Service's access-key API at {endpoint.DisplayName} could not be reached",
            _ => $"Azure SignalR Service's access-key API gave no usable key for {identity}",
        };
    }

    public void Dispose() => gate.Dispose();

    private sealed record HeldKey(SignalRSigningKey Key, DateTimeOffset FetchedAt);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Information, Message = "Obtained SignalR access key {KeyId} from {Endpoint} with Microsoft Entra ID")]
    private static partial void AccessKeyObtained(ILogger logger, string keyId, string endpoint);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Error, Message = "Could not obtain a SignalR access key: {Problem}")]
    private static partial void AccessKeyFailed(ILogger logger, Exception exception, string problem);
}
