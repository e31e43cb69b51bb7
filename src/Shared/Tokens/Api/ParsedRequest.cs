using CampaignMcp.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>The outcomes of reading a token-surface body: the request, or the envelope error a 400 carries.</summary>
public static class ParsedRequest
{
    public static Outcome<T, ApiError> Of<T>(T request)
        where T : class => Outcome.Of<T, ApiError>(request);

    /// <summary>The body is not what the endpoint takes (<c>INVALID_REQUEST</c>).</summary>
    public static Outcome<T, ApiError> Invalid<T>(string message)
        where T : class => Outcome.Failed<T, ApiError>(new ApiError(ApiErrorCodes.InvalidRequest, message));

    /// <summary>The body names scopes that do not exist or none at all (<c>INVALID_SCOPE</c>).</summary>
    public static Outcome<T, ApiError> InvalidScope<T>(string message)
        where T : class => Outcome.Failed<T, ApiError>(new ApiError(ApiErrorCodes.InvalidScope, message));
}
