using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens.ApiKeys;
using CampaignMcp.Tokens.Audit;
using CampaignMcp.Tokens.ClientAuthentication;
using CampaignMcp.Tokens.Grants;
using CampaignMcp.Tokens.Refresh;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>
/// <c>POST /api/v1/mcp/auth/token</c>: an <c>X-API-Key</c> buys a JWT (and a refresh token). The original
/// server's contract, with its <c>{success, data}</c> envelope.
/// </summary>
public sealed class TokenEndpoint(
    TokenSettings settings,
    ServiceReadiness readiness,
    RefreshSettings refresh,
    ApiKeyVerifier apiKeys,
    TokenIssuer issuer,
    TokenGrants grants,
    ApiKeyAuthenticator authenticator,
    AuthAudit audit) : IHttpEndpoint
{
    public const int MaximumBodyBytes = 16 * 1024;
    public const string ApiKeyHeader = "X-API-Key";

    public string Surface => "token";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        TokenResponses.NoStore(context);
        if (!readiness.IsServiceable || !apiKeys.IsConfigured || !issuer.IsAvailable)
        {
            var problems = readiness.Describe();
            audit.Misconfigured(Surface, problems);
            return Failure(StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.ServerMisconfigured, readiness.RefusalMessage);
        }

        var address = ClientAddress.Of(context);
        var presentedKey = request.Headers[ApiKeyHeader].ToString();
        var body = presentedKey.Length > 0 && RequestBody.IsJson(request)
            ? await RequestBody.ReadAsync(request, MaximumBodyBytes, cancellationToken).ConfigureAwait(false)
            : null;

        // Parsed once; until the key is checked only the client id it names is used (the failed-attempt limit counts
        // it): an unauthenticated caller cannot make the server do more.
        var parsed = body is null ? null : TokenRequest.Parse(body);
        var authentication = await authenticator.AuthenticateAsync(Surface, ApiKeyCredential.Header, presentedKey, parsed?.Value?.ClientId, address, cancellationToken).ConfigureAwait(false);
        switch (authentication.Result)
        {
            case ApiKeyAuthenticationResult.Missing:
                context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\"";
                return Failure(StatusCodes.Status401Unauthorized, ApiErrorCodes.AuthenticationRequired, "Authentication required");
            case ApiKeyAuthenticationResult.Invalid:
                context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyHeader}\", error=\"invalid_key\"";
                return Failure(StatusCodes.Status401Unauthorized, ApiErrorCodes.InvalidApiKey, "Invalid API key");
            case ApiKeyAuthenticationResult.LockedOut:
                var lockout = authentication.Lockout!;
                context.Response.Headers.RetryAfter = lockout.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Failure(StatusCodes.Status429TooManyRequests, ApiErrorCodes.TooManyAttempts, $"Too many failed API-key attempts; retry after {lockout.RetryAfterSeconds} seconds");
        }

        if (!RequestBody.IsJson(request))
        {
            return Failure(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, "Content-Type must be application/json");
        }

        if (parsed is null)
        {
            return Failure(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.PayloadTooLarge, $"The request body must be at most {MaximumBodyBytes / 1024} KiB");
        }

        if (!parsed.Succeeded)
        {
            return Failure(StatusCodes.Status400BadRequest, parsed.Error.Code, parsed.Error.Message);
        }

        var tokenRequest = parsed.Value;

        if (!settings.AllowedClients.Contains(tokenRequest.ClientId))
        {
            audit.AuthorizationDenied(Surface, "client_not_allowed", tokenRequest.ClientId, address);
            return Failure(StatusCodes.Status403Forbidden, ApiErrorCodes.ClientNotAllowed, $"Client '{tokenRequest.ClientId}' is not allowed to obtain tokens");
        }

        var grant = await grants.IssueAsync("api_key", tokenRequest.ClientId, tokenRequest.Scopes, withRefreshToken: true, cancellationToken).ConfigureAwait(false);
        return TokenResponses.Success(grant, refresh);
    }

    public IResult Failure(int statusCode, string code, string message) => ApiResults.Failure(statusCode, code, message);
}
