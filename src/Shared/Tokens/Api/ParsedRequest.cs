using CampaignMcp.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>Makes <see cref="ParsedRequest{T}"/> outcomes.</summary>
public static class ParsedRequest
{
    public static ParsedRequest<T> Of<T>(T request)
        where T : class => new(request, null);

    /// <summary>The body is not what the endpoint takes (<c>INVALID_REQUEST</c>).</summary>
    public static ParsedRequest<T> Invalid<T>(string message)
        where T : class => new(null, new ApiError(ApiErrorCodes.InvalidRequest, message));

    /// <summary>The body names scopes that do not exist or none at all (<c>INVALID_SCOPE</c>).</summary>
    public static ParsedRequest<T> InvalidScope<T>(string message)
        where T : class => new(null, new ApiError(ApiErrorCodes.InvalidScope, message));
}
