using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>A finite <c>text/event-stream</c>: one <c>message</c> event per JSON-RPC message, then the end.</summary>
public sealed class ServerSentEventsResult(IReadOnlyList<byte[]> messages) : IResult
{
    private static readonly byte[] EventPrefix = "event: message\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        foreach (var message in messages)
        {
            await response.Body.WriteAsync(EventPrefix).ConfigureAwait(false);
            await response.Body.WriteAsync(message).ConfigureAwait(false);
            await response.Body.WriteAsync(EventEnd).ConfigureAwait(false);
        }
    }
}
