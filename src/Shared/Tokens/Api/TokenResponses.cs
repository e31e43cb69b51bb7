using CampaignMcp.Http;
using CampaignMcp.Tokens.Grants;
using CampaignMcp.Tokens.Refresh;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>The <c>{success, data}</c> envelope of the original token surfaces (token, refresh, revoke).</summary>
public static class TokenResponses
{
    public static IResult Success(GrantResult grant, RefreshSettings refresh)
    {
        var access = grant.AccessToken;
        var data = new TokenResponseData(
            access.AccessToken,
            "Bearer",
            access.ExpiresInSeconds,
            access.Scopes,
            grant.RefreshToken,
            grant.RefreshToken is null ? null : (long)refresh.Lifetime.TotalSeconds);
        return TypedResults.Json(new ApiSuccess<TokenResponseData>(data), TokenApiJsonContext.Default.ApiSuccessTokenResponseData);
    }

    /// <summary>RFC 6749 §5.1: responses carrying tokens must not be cached.</summary>
    public static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
}
