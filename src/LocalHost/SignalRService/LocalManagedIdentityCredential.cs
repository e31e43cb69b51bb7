using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;

namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>
/// The app's managed identity on the local host: the App Service managed-identity request that
/// <c>ManagedIdentityCredential</c> makes from <c>IDENTITY_ENDPOINT</c> and <c>IDENTITY_HEADER</c>, sent to
/// <see cref="LocalEntra"/>. The local host holds several apps in one process in tests, so it cannot use those
/// process-wide variables; a failure is an <see cref="AuthenticationFailedException"/>, as Azure.Identity reports it.
/// </summary>
public sealed class LocalManagedIdentityCredential(HttpClient http, Uri tokenUrl, string identityHeader, string? clientId) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        // A scope is a resource plus "/.default", as Azure.Identity maps it for managed identities.
        var resource = requestContext.Scopes.Single();
        resource = resource.EndsWith("/.default", StringComparison.Ordinal) ? resource[..^"/.default".Length] : resource;
        var url = $"{tokenUrl}?api-version=2019-08-01&resource={Uri.EscapeDataString(resource)}{(clientId is null ? "" : $"&client_id={Uri.EscapeDataString(clientId)}")}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(LocalEntra.IdentityHeaderName, identityHeader);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new AuthenticationFailedException($"ManagedIdentityCredential authentication failed: the local managed-identity endpoint answered {(int)response.StatusCode}");
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            var root = body.RootElement;
            var expiresOn = long.Parse(root.GetProperty("expires_on").GetString()!, CultureInfo.InvariantCulture);
            return new AccessToken(root.GetProperty("access_token").GetString()!, DateTimeOffset.FromUnixTimeSeconds(expiresOn));
        }
        catch (HttpRequestException exception)
        {
            throw new AuthenticationFailedException("ManagedIdentityCredential authentication failed: the local managed-identity endpoint could not be reached", exception);
        }
    }
}
