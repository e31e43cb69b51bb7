using CampaignMcp.Tokens.Grants;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.OAuth;

/// <summary>The JSON bodies of the OAuth surfaces, with the member names the RFCs give.</summary>
public static class OAuthResponses
{
    public static IResult Error(int statusCode, string code, string message) =>
        TypedResults.Json(new OAuthError(OAuthCode(statusCode, code), message), OAuthJsonContext.Default.OAuthError, statusCode: statusCode);

    /// <summary>The pipeline passes the shared envelope's codes (405, 500, 503 for storage): map them to §5.2 codes.</summary>
    private static string OAuthCode(int statusCode, string code) => code switch
    {
        _ when code.Length > 0 && char.IsAsciiLetterLower(code[0]) => code,
        _ when statusCode is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests => OAuthErrorCodes.TemporarilyUnavailable,
        _ when statusCode >= StatusCodes.Status500InternalServerError => OAuthErrorCodes.ServerError,
        _ => OAuthErrorCodes.InvalidRequest,
    };

    public static IResult Token(GrantResult grant) =>
        TypedResults.Json(
            new OAuthTokenResponse(grant.AccessToken.AccessToken, "Bearer", grant.AccessToken.ExpiresInSeconds, string.Join(' ', grant.AccessToken.Scopes), grant.RefreshToken),
            OAuthJsonContext.Default.OAuthTokenResponse);
}
