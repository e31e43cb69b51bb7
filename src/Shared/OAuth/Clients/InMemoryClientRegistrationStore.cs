using System.Collections.Concurrent;

namespace CampaignMcp.OAuth.Clients;

/// <summary>The embedded store: one process, nothing survives a restart. Local runs and tests only.</summary>
public sealed class InMemoryClientRegistrationStore : IClientRegistrationStore
{
    private readonly ConcurrentDictionary<string, ClientRegistration> registrations = new(StringComparer.Ordinal);

    public Task AddAsync(ClientRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        registrations[registration.ClientId] = registration;
        return Task.CompletedTask;
    }

    public Task<ClientRegistration?> FindAsync(string clientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!registrations.TryGetValue(clientId, out var registration))
        {
            return Task.FromResult<ClientRegistration?>(null);
        }

        if (registration.ExpiresAt <= now)
        {
            registrations.TryRemove(new KeyValuePair<string, ClientRegistration>(clientId, registration));
            return Task.FromResult<ClientRegistration?>(null);
        }

        return Task.FromResult<ClientRegistration?>(registration);
    }
}
