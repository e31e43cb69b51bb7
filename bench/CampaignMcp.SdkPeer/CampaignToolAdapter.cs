using CampaignMcp.Mcp.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CampaignMcp.SdkPeer;

/// <summary>
/// One of this project's tools as the SDK's own tool type: the same definition (so <c>tools/list</c> lists the same
/// bytes) and the same <see cref="ICampaignTool.CallAsync"/> over the same store. Progress goes through the SDK.
/// </summary>
internal sealed class CampaignToolAdapter(ICampaignTool tool) : McpServerTool
{
    public override Tool ProtocolTool => tool.Definition;

    public override IReadOnlyList<object> Metadata { get; } = [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        ToolProgress progress = request.Params?.ProgressToken is { } token
            ? (done, total, message) => new ValueTask(request.Server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = done, Total = total, Message = message }, cancellationToken: cancellationToken))
            : static (_, _, _) => ValueTask.CompletedTask;
        try
        {
            return (await tool.CallAsync(request.Params?.Arguments, progress, cancellationToken).ConfigureAwait(false)).ToCallToolResult();
        }
        catch (ToolInputException exception)
        {
            return ToolResult.Error(exception.Message).ToCallToolResult();
        }
    }
}
