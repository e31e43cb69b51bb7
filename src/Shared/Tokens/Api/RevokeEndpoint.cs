using System.Text.Json;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens.Grants;
using Microsoft.AspNetCore.Http;

namespace CampaignMcp.Tokens.Api;

/// <summary>
/// <c>POST /api/v1/mcp/auth/revoke</c> with <c>{"token": "..."}</c>: RFC 7009 semantics in the original's
/// envelope. Possession is the authority (whoever holds a token can use it, so may end it too). An access
/// token is refused everywhere until its <c>exp</c>; a refresh token revokes its family and the access tokens
/// issued with it. Like RFC 7009 §2.2, the answer is the same whether or not the token was valid.
/// </summary>
public sealed class RevokeEndpoint(ServiceReadiness readiness, TokenGrants grants) : IHttpEndpoint
{
    public string Surface => "revoke";

    public IReadOnlyList<string> Methods => HttpMethodsAllowed.Post;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await JsonRequestBody.ReadAsync(context, readiness).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return read.Error;
        }

        var body = read.Value;

        if (ReadToken(body) is not { } token)
        {
            return Failure(StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidRequest, "The body must be a JSON object with a non-empty string 'token'");
        }

        await grants.RevokeAsync(token, ClientAddress.Of(context), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new ApiSuccess<RevokeResponseData>(new RevokeResponseData("The token, if it was valid, is revoked")), TokenApiJsonContext.Default.ApiSuccessRevokeResponseData);
    }

    public IResult Failure(int statusCode, string code, string message) => ApiResults.Failure(statusCode, code, message);

    private static string? ReadToken(byte[] body)
    {
        // The shared parse refuses invalid UTF-8, lone surrogate escapes and repeated members, any of which
        // would otherwise make GetString() throw or pick one of two values.
        using var document = JsonRequestBody.ParseObject(body, out _);
        return document is not null
            && document.RootElement.TryGetProperty("token", out var token)
            && token.ValueKind == JsonValueKind.String
            && token.GetString() is { Length: > 0 and <= AccessTokenValidator.MaximumTokenLength } value
            ? value
            : null;
    }
}
