using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens.Grants;
using CampaignMcp.Tokens.Refresh;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>
/// <c>POST /api/v1/mcp/auth/refresh</c>: a refresh token buys a new access token and a new refresh token
/// (rotation); the one presented stops working, and presenting it again revokes its whole family.
/// Same envelope as the token endpoint. The refresh token is the credential: no API key is needed, so a
/// long-running client never has to keep the key once it holds a refresh token.
/// </summary>
public sealed class RefreshEndpoint(ServiceReadiness readiness, RefreshSettings settings, TokenGrants grants) : IHttpEndpoint
{
    public string Surface => "refresh";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await JsonRequestBody.ReadAsync(context, readiness).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return read.Error;
        }

        var body = read.Value;

        var parsed = RefreshRequest.Parse(body);
        if (!parsed.Succeeded)
        {
            return Failure(StatusCodes.Status400BadRequest, parsed.Error.Code, parsed.Error.Message);
        }

        var refresh = parsed.Value;

        var grant = await grants.RefreshAsync(refresh.RefreshToken, refresh.Scopes, null, Surface, ClientAddress.Of(context), context.RequestAborted).ConfigureAwait(false);
        if (grant.Succeeded)
        {
            return TokenResponses.Success(grant, settings);
        }

        var (status, code) = grant.Failure switch
        {
            RefreshFailure.Disabled => (StatusCodes.Status400BadRequest, ApiErrorCodes.UnsupportedGrantType),
            RefreshFailure.ScopeNotGranted => (StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidScope),
            RefreshFailure.ClientNotAllowed => (StatusCodes.Status403Forbidden, ApiErrorCodes.ClientNotAllowed),
            _ => (StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidGrant),
        };
        return Failure(status, code, grant.Failure.Describe());
    }

    public IResult Failure(int statusCode, string code, string message) => ApiResults.Failure(statusCode, code, message);
}
