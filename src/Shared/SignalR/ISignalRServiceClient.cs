namespace CampaignMcp.SignalR;

/// <summary>Server-to-client messages through the service's data-plane REST API.</summary>
public interface ISignalRServiceClient
{
    Task SendToConnectionAsync(string hub, string connectionId, string target, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
