using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>
/// One HTTP surface. <see cref="HttpEndpointPipeline"/> does what every surface shares (CORS, method
/// check, no stack trace on failure); the endpoint only handles its request and knows its own error
/// envelope.
/// </summary>
public interface IHttpEndpoint
{
    /// <summary>Name used in logs: <c>token</c>, <c>health</c>, <c>mcp</c>...</summary>
    string Surface { get; }

    IReadOnlyList<string> Methods { get; }

    Task<IResult> HandleAsync(HttpContext context);

    /// <summary>An error in this surface's own envelope.</summary>
    IResult Failure(int statusCode, string code, string message);
}
