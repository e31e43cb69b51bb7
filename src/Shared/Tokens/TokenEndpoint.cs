using CampaignMcp.Auth;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Logging;
using CampaignMcp.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Tokens;

/// <summary>
/// <c>POST /api/v1/mcp/auth/token</c>: an <c>X-API-Key</c> buys a JWT. The original server's contract,
/// with its <c>{success, data}</c> envelope. The key is checked before the body is read, so that an
/// unauthenticated caller cannot make the server parse anything.
/// </summary>
public sealed class TokenEndpoint(
    AuthSettings settings,
    ApiKeyVerifier apiKeys,
    TokenIssuer issuer,
    ILogger<TokenEndpoint> logger) : IHttpEndpoint
{
    public const int MaximumBodyBytes = 16 * 1024;
    public const string ApiKeyHeader = "X-API-Key";

    public string Surface => "token";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        NoStore(context);
        if (!settings.IsServiceable || !apiKeys.IsConfigured || !issuer.IsAvailable)
        {
            var problems = string.Join("; ", settings.Issues);
            AuthLog.RefusedMisconfigured(logger, Surface, problems);
            return Failure(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.ServerMisconfigured, $"The server is misconfigured: {problems}");
        }

        var presentedKey = request.Headers[ApiKeyHeader].ToString();
        if (presentedKey.Length == 0)
        {
            AuthLog.AuthenticationFailed(logger, Surface, "api_key_missing", null, ClientAddress.Of(context));
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\"";
            return Failure(StatusCodes.Status401Unauthorized, ApiErrorCodes.AuthenticationRequired, "Authentication required");
        }

        if (!apiKeys.Matches(presentedKey))
        {
            AuthLog.AuthenticationFailed(logger, Surface, "api_key_invalid", null, ClientAddress.Of(context));
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\", error=\"invalid_key\"";
            return Failure(StatusCodes.Status401Unauthorized, ApiErrorCodes.InvalidApiKey, "Invalid API key");
        }

        if (!RequestBody.IsJson(request))
        {
            return Failure(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, "Content-Type must be application/json");
        }

        var body = await RequestBody.ReadAsync(request, MaximumBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Failure(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.PayloadTooLarge, $"The request body must be at most {MaximumBodyBytes / 1024} KiB");
        }

        var tokenRequest = TokenRequest.Parse(body, out var error, out var isScopeError);
        if (tokenRequest is null)
        {
            return Failure(StatusCodes.Status400BadRequest, isScopeError ? ApiErrorCodes.InvalidScope : ApiErrorCodes.InvalidRequest, error!);
        }

        if (!settings.AllowedClients.Contains(tokenRequest.ClientId))
        {
            AuthLog.AuthorizationDenied(logger, Surface, "client_not_allowed", tokenRequest.ClientId, ClientAddress.Of(context));
            return Failure(StatusCodes.Status403Forbidden, ApiErrorCodes.ClientNotAllowed, $"Client '{tokenRequest.ClientId}' is not allowed to obtain tokens");
        }

        var token = issuer.Issue(tokenRequest.ClientId, tokenRequest.Scopes);
        AuthLog.TokenIssued(logger, token.TokenId, tokenRequest.ClientId, string.Join(' ', token.Scopes), token.ExpiresInSeconds);
        var data = new TokenResponseData(token.AccessToken, "Bearer", token.ExpiresInSeconds, token.Scopes);
        return TypedResults.Json(new ApiSuccess<TokenResponseData>(data), SharedJsonContext.Default.ApiSuccessTokenResponseData);
    }

    public IResult Failure(int statusCode, string code, string message) =>
        TypedResults.Json(new ApiFailure(new ApiError(code, message)), SharedJsonContext.Default.ApiFailure, statusCode: statusCode);

    /// <summary>RFC 6749 §5.1: responses carrying tokens must not be cached.</summary>
    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
}
