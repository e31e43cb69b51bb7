using System.Collections.Concurrent;
using System.Security.Cryptography;
using CampaignMcp.SignalR;

namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>
/// The temporary keys the stand-in's access-key API has issued, by key id, each usable for
/// <see cref="SignalRSigningKeys.KeyLifetime"/> from its issue, on the app's clock.
/// </summary>
public sealed class IssuedAccessKeys(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (string Key, DateTimeOffset IssuedAt)> keys = new(StringComparer.Ordinal);

    public SignalRSigningKey Issue()
    {
        var issued = new SignalRSigningKey(Guid.NewGuid().ToString("N"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        keys[issued.KeyId!] = (issued.Value, time.GetUtcNow());
        return issued;
    }

    /// <summary>The key named <paramref name="keyId"/>, or null when it was never issued or has expired.</summary>
    public string? Find(string? keyId) =>
        keyId is not null && keys.TryGetValue(keyId, out var held) && time.GetUtcNow() - held.IssuedAt < SignalRSigningKeys.KeyLifetime ? held.Key : null;
}
