using CampaignMcp.Serialization;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>JSON already written into a pooled buffer: copied once to the body, and the buffer returned to the pool.</summary>
public sealed class PooledJsonResult(PooledBufferWriter body, int statusCode) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.ContentLength = body.WrittenCount;
            await httpContext.Response.Body.WriteAsync(body.WrittenMemory, httpContext.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            body.Dispose();
        }
    }
}
