namespace CampaignMcp.OAuth.Clients;

/// <summary>
/// Dynamic Client Registrations, in the token-state store so that every instance knows every client
/// (embedded: in memory; <c>MCP_STORE=table</c>: Table Storage).
/// </summary>
public interface IClientRegistrationStore
{
    Task AddAsync(ClientRegistration registration, CancellationToken cancellationToken);

    /// <summary>The registration, or null when there is none or it expired at <paramref name="now"/>.</summary>
    Task<ClientRegistration?> FindAsync(string clientId, DateTimeOffset now, CancellationToken cancellationToken);
}
