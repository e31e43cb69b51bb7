using System.Net.Http.Headers;
using System.Text.Json;

namespace CampaignMcp.SignalR;

/// <summary>
/// <c>POST {endpoint}/api/hubs/{hub}/connections/{id}/:send?api-version=2022-06-01</c>, body
/// <c>{"target", "arguments"}</c>, each call with its own short-lived JWT (signed as <see cref="SignalRAccessTokens"/>
/// signs) whose <c>aud</c> is the URL. https://learn.microsoft.com/azure/azure-signalr/signalr-reference-data-plane-rest-api
/// </summary>
public sealed class SignalRRestClient(IHttpClientFactory httpClients, SignalRSettings settings, SignalRAccessTokens tokens) : ISignalRServiceClient
{
    public const string HttpClientName = "AzureSignalRService";

    public async Task SendToConnectionAsync(string hub, string connectionId, string target, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = $"/connections/{Uri.EscapeDataString(connectionId)}/:send";
        var endpoint = settings.Endpoint ?? throw new InvalidOperationException("SignalR is not configured.");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.RestUrl(hub, path))
        {
            Content = new ByteArrayContent(Payload(target, arguments)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.ForRestAsync(endpoint.RestAudience(hub, path), cancellationToken).ConfigureAwait(false));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Azure SignalR Service answered {(int)response.StatusCode} to a send", null, response.StatusCode);
        }
    }

    public static byte[] Payload(string target, IReadOnlyList<string> arguments)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("target", target);
            writer.WriteStartArray("arguments");
            foreach (var argument in arguments)
            {
                writer.WriteStringValue(argument);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
