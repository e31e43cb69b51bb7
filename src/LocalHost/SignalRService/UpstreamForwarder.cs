using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using CampaignMcp.SignalR;
using Microsoft.AspNetCore.SignalR;

namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>
/// Calls the app's upstream URL as Azure SignalR Service does: POST with the <c>X-ASRS-*</c> headers, the
/// signature (AccessKey mode) or the managed-identity bearer token (Entra mode), the hub message as JSON without the record separator, and the completion taken from
/// the response (empty 2xx: empty completion; other status: "Invocation failed, status code N").
/// https://learn.microsoft.com/azure/azure-signalr/concept-upstream
/// </summary>
public sealed partial class UpstreamForwarder(IHttpClientFactory httpClients, SignalRSettings settings, LocalSignalRServiceOptions options, ILogger<UpstreamForwarder> logger)
{
    public const string HttpClientName = "signalr-stand-in-upstream";
    private static readonly HashSet<string> RegisteredClaims = ["aud", "exp", "iat", "nbf", "iss"];
    private long invocationIds;

    public async Task ConnectionEventAsync(HubCallerContext context, string @event, string? error)
    {
        var body = @event == UpstreamRequest.ConnectedEvent ? """{"type":10}""" : $$"""{"type":11{{(error is null ? "" : $",\"error\":{System.Text.Json.JsonSerializer.Serialize(error)}")}}}""";
        try
        {
            using var response = await SendAsync(context, UpstreamRequest.ConnectionsCategory, @event, Encoding.UTF8.GetBytes(body), CancellationToken.None).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                UpstreamAnswered(logger, @event, (int)response.StatusCode);
            }
        }
        catch (HttpRequestException exception)
        {
            UpstreamUnreachable(logger, exception, @event);
        }
    }

    public async Task<string?> InvokeAsync(HubCallerContext context, string target, IReadOnlyList<object?> arguments)
    {
        var invocationId = Interlocked.Increment(ref invocationIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await SendAsync(context, UpstreamRequest.MessagesCategory, target, HubMessages.Invocation(invocationId, target, arguments), context.ConnectionAborted).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HubException($"Invocation failed, status code {(int)response.StatusCode}");
        }

        var body = await response.Content.ReadAsByteArrayAsync(context.ConnectionAborted).ConfigureAwait(false);
        if (body.Length == 0)
        {
            return null;
        }

        var completion = HubMessages.ParseCompletion(body) ?? throw new HubException("Invocation failed: the upstream answered something that is not a completion");
        return completion.Error is { } failure ? throw new HubException(failure) : completion.Result as string;
    }

    private async Task<HttpResponseMessage> SendAsync(HubCallerContext context, string category, string @event, byte[] body, CancellationToken cancellationToken)
    {
        var endpoint = settings.Endpoint!;
        var url = options.UpstreamUrlTemplate
            .Replace("{hub}", Uri.EscapeDataString(HubContract.HubName), StringComparison.Ordinal)
            .Replace("{category}", Uri.EscapeDataString(category), StringComparison.Ordinal)
            .Replace("{event}", Uri.EscapeDataString(@event), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var headers = request.Headers;
        headers.Add(UpstreamRequest.ConnectionIdHeader, context.ConnectionId);
        headers.Add(UpstreamRequest.HubHeader, HubContract.HubName);
        headers.Add(UpstreamRequest.CategoryHeader, category);
        headers.Add(UpstreamRequest.EventHeader, @event);
        if (UserId(context.User) is { } userId)
        {
            headers.Add(UpstreamRequest.UserIdHeader, userId);
        }

        var claims = context.User?.Claims.Where(claim => !RegisteredClaims.Contains(claim.Type)).Select(claim => KeyValuePair.Create(claim.Type, claim.Value)).ToArray() ?? [];
        if (claims.Length > 0)
        {
            headers.TryAddWithoutValidation(UpstreamRequest.UserClaimsHeader, UpstreamRequest.FormatClaims(claims));
        }

        if (context.GetHttpContext()?.Request.QueryString.Value is { Length: > 0 } query)
        {
            headers.TryAddWithoutValidation(UpstreamRequest.ClientQueryHeader, query);
        }

        if (endpoint.AccessKey is { } accessKey)
        {
            headers.Add(UpstreamRequest.SignatureHeader, UpstreamSignature.Sign(context.ConnectionId, accessKey));
        }

        if (options.Entra is { } entra && options.UpstreamAudience is { } audience)
        {
            // Upstream authentication with the service's managed identity: a token for the configured resource.
            headers.Authorization = new AuthenticationHeaderValue("Bearer", entra.Issue(entra.ServiceClientId, audience));
        }

        return await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public static string? UserId(ClaimsPrincipal? user) =>
        user?.FindFirst(HubContract.UserIdClaim)?.Value ?? user?.FindFirst(HubContract.NameIdentifierClaim)?.Value;

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "SignalR stand-in: upstream answered {Status} to {Event}")]
    private static partial void UpstreamAnswered(ILogger logger, string @event, int status);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "SignalR stand-in: upstream unreachable for {Event}")]
    private static partial void UpstreamUnreachable(ILogger logger, Exception exception, string @event);
}
