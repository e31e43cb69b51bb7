using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Http;

/// <summary>Method sets of the endpoints; preflight and the 405 <c>Allow</c> header are built from them.</summary>
public static class HttpMethodsAllowed
{
    public static readonly IReadOnlyList<string> Get = [HttpMethods.Get, HttpMethods.Head];
    public static readonly IReadOnlyList<string> Post = [HttpMethods.Post];
}
