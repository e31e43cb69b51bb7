using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>Already-serialized JSON with a status code (the SDK serializes JSON-RPC messages itself).</summary>
public sealed class JsonBytesResult(byte[] body, int statusCode) : IResult
{
    public int StatusCode => statusCode;

    public byte[] Body => body;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json";
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body).AsTask();
    }
}
