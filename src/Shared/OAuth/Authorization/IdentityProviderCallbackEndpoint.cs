using CampaignMcp.Http;
using CampaignMcp.SignIn;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// <c>GET /api/v1/mcp/oauth/idp-callback</c>: where the organization's provider returns the browser (OpenID Connect
/// Core §3.1.2.5). A completed sign-in goes back to the authorization endpoint with a one-time ticket, where the
/// consent is shown with the user's name (or to the sessions page, when it started there); anything else is a page that says what happened, never a 500.
/// </summary>
public sealed class IdentityProviderCallbackEndpoint(IdentitySignIn signIn) : IHttpEndpoint
{
    private static readonly IReadOnlyList<string> GetOnly = [HttpMethods.Get, HttpMethods.Head];

    public string Surface => "oauth-idp-callback";

    public IReadOnlyList<string> Methods => GetOnly;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        AuthorizationEndpoint.SecureHeaders(context, formAction: null);
        if (!signIn.IsEnabled)
        {
            return Page(StatusCodes.Status404NotFound, "Sign-in with an identity provider is off", "This server does not sign people in through an identity provider.");
        }

        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in context.Request.Query)
        {
            if (value.Count > 1)
            {
                return Page(StatusCodes.Status400BadRequest, "The sign-in did not finish", "The sign-in service's answer could not be read. Start the connection again from your app.");
            }

            query[name] = value.ToString();
        }

        var outcome = await signIn.CompleteAsync(query, context.Request.Cookies[IdentitySignIn.StateCookie], ClientAddress.Of(context), context.RequestAborted).ConfigureAwait(false);
        context.Response.Cookies.Delete(IdentitySignIn.StateCookie, new CookieOptions { Path = "/" + Routes.OAuthIdentityProviderCallback, Secure = context.Request.IsHttps, HttpOnly = true });
        if (outcome.Resume is { } resume)
        {
            context.Response.Headers.Location = QueryHelpers.AddQueryString("/" + (outcome.ReturnPath ?? Routes.OAuthAuthorize), resume!);
            return Results.StatusCode(StatusCodes.Status302Found);
        }

        return Page(outcome.StatusCode, outcome.Title, outcome.Message);
    }

    public IResult Failure(int statusCode, string code, string message) => Page(statusCode, "Sign-in failed", message);

    private static IResult Page(int statusCode, string title, string message) =>
        Results.Content(SignInPage.Problem(title, message), "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
}
