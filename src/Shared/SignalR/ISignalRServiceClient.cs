namespace CampaignMcp.SignalR;

/// <summary>Server-to-client messages through the service's data-plane REST API.</summary>
public interface ISignalRServiceClient
{
    Task SendToConnectionAsync(string hub, string connectionId, string target, IReadOnlyList<string> arguments, CancellationToken cancellationToken);

    Task SendToUserAsync(string hub, string userId, string target, IReadOnlyList<string> arguments, CancellationToken cancellationToken);

    Task BroadcastAsync(string hub, string target, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
