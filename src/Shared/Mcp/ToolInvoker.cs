using System.Text.Json;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Storage;
using CampaignMcp.Tokens;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace CampaignMcp.Mcp;

/// <summary>
/// Runs one tool the same way for every path that calls it (this server's own <c>tools/call</c> writer and the
/// SDK's handler): the caller's mistakes become <c>isError</c> results, storage outages our -32010 error, bugs a
/// logged generic result.
/// </summary>
public sealed class ToolInvoker(ToolCatalog tools, ILogger<ToolInvoker> logger)
{
    /// <exception cref="McpProtocolException">Unknown tool (-32602) or storage unavailable (-32010).</exception>
    public async Task<ToolResult> InvokeAsync(string name, IDictionary<string, JsonElement>? arguments, ToolProgress progress, McpPrincipal caller, CancellationToken cancellationToken)
    {
        var tool = tools.Find(name)
            ?? throw new McpProtocolException($"Unknown tool '{name}'. Call tools/list for the tools available to you.", McpErrorCode.InvalidParams);
        try
        {
            return await tool.CallAsync(arguments, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ToolInputException exception)
        {
            return ToolResult.Error(exception.Message);
        }
        catch (StorageUnavailableException exception)
        {
            McpLog.ToolStorageUnavailable(logger, name, caller.Audit, exception.Message);
            throw McpProtocolErrors.StorageUnavailable(exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not McpException)
        {
            McpLog.ToolFailed(logger, exception, name, caller.Audit);
            return ToolResult.Error($"The tool '{name}' failed unexpectedly; the error has been logged. Try again later.");
        }
    }
}
