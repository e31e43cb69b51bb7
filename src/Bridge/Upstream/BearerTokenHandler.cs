using System.Net;
using System.Net.Http.Headers;

namespace CampaignMcp.Bridge.Upstream;

/// <summary>
/// Puts the current access token on every request to the MCP endpoint. A 401 with
/// <c>error="invalid_token"</c> (RFC 6750 §3.1: expired or revoked) renews the token and sends once more.
/// </summary>
public sealed class BearerTokenHandler(TokenSource tokens) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false); // so that it can go twice
        }

        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !response.Headers.WwwAuthenticate.Any(IsInvalidToken))
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsInvalidToken(AuthenticationHeaderValue challenge) =>
        challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && challenge.Parameter?.Contains("error=\"invalid_token\"", StringComparison.Ordinal) == true;
}
