using Azure.Core;
using Azure.Identity;

namespace CampaignMcp.SignIn;

/// <summary>
/// The client assertion of a secretless confidential client: a token of the app's user-assigned managed identity
/// for <c>api://AzureADTokenExchange</c>, which the app registration trusts as a federated identity credential
/// (https://learn.microsoft.com/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity).
/// </summary>
public sealed class ClientAssertionSource(IdentityProviderSettings settings)
{
    /// <summary>The audience Entra expects in a federated credential's assertion (public cloud).</summary>
    public const string TokenExchangeScope = "api://AzureADTokenExchange/.default";

    private readonly TokenCredential? credential = settings.ManagedIdentityClientId is { } clientId
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
        : null;

    public async Task<string> GetAssertionAsync(CancellationToken cancellationToken)
    {
        if (credential is null)
        {
            throw new InvalidOperationException("No managed identity is configured for the client assertion.");
        }

        try
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([TokenExchangeScope]), cancellationToken).ConfigureAwait(false);
            return token.Token;
        }
        catch (AuthenticationFailedException exception)
        {
            throw new IdentityProviderUnavailableException("The app's managed identity could not get its client assertion.", exception);
        }
    }
}
