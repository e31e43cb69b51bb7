using CampaignMcp.Configuration;
using CampaignMcp.Mcp.Prompts;
using CampaignMcp.Mcp.Resources;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Storage;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CampaignMcp.Mcp;

/// <summary>
/// The SDK server's options, built once and shared by every per-invocation server: server info and
/// the handlers for tools, resources, prompts and completion. Authorization has already happened
/// when a handler runs (see <see cref="McpRequestProcessor"/>); handlers read the caller from
/// <see cref="McpCaller"/> only to shape what they return.
/// </summary>
public sealed class CampaignMcpServerOptions(ToolCatalog tools, ToolInvoker invoker, CampaignResources resources, AppInfo app, ILogger<CampaignMcpServerOptions> logger)
{
    public const string ServerName = "campaign-mcp";

    public McpServerOptions Options { get; } = Build(tools, invoker, resources, app, logger);

    private static McpServerOptions Build(ToolCatalog tools, ToolInvoker invoker, CampaignResources resources, AppInfo app, ILogger logger) => new()
    {
        ServerInfo = new Implementation { Name = ServerName, Title = "Campaign MCP", Version = app.Version },
        ServerInstructions = "Marketing campaign data. Use list_campaigns to find campaigns, get_campaign for one campaign's metrics, " +
            "campaign_performance for totals by channel, status or month, and export_campaigns (needs campaigns:export) for CSV or JSON files.",
        ScopeRequests = false,
        Handlers = new McpServerHandlers
        {
            ListToolsHandler = (context, _) =>
            {
                if (context.Params?.Cursor is { } cursor)
                {
                    // One page, so no cursor is one this server handed out: refused as resources/list refuses one.
                    throw new McpProtocolException($"Invalid cursor: tools/list has a single page and issues no cursors (got '{(cursor.Length > 64 ? cursor[..64] + "…" : cursor)}')", McpErrorCode.InvalidParams);
                }

                return ValueTask.FromResult(new ListToolsResult { Tools = tools.CallableWith(McpCaller.Of(context.User).Scopes) });
            },
            // Tools are called by McpToolCall, which writes the result once; the SDK answers tools/call only for
            // protocol versions that version their requests (2026-07-28), through the same invoker.
            CallToolHandler = async (context, cancellationToken) =>
            {
                var name = context.Params?.Name ?? throw new McpProtocolException("params.name is required", McpErrorCode.InvalidParams);
                ToolProgress progress = context.Params.ProgressToken is { } token
                    ? (done, total, message) => new ValueTask(context.Server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = done, Total = total, Message = message }, cancellationToken: cancellationToken))
                    : static (_, _, _) => ValueTask.CompletedTask;
                var result = await invoker.InvokeAsync(name, context.Params.Arguments, progress, McpCaller.Of(context.User), cancellationToken).ConfigureAwait(false);
                return result.ToCallToolResult();
            },
            ListResourcesHandler = async (context, cancellationToken) =>
                await Guarded(logger, RequestMethods.ResourcesList, context, () => resources.ListAsync(context.Params?.Cursor, cancellationToken)).ConfigureAwait(false),
            ListResourceTemplatesHandler = (_, _) => ValueTask.FromResult(new ListResourceTemplatesResult { ResourceTemplates = [CampaignResources.Template] }),
            ReadResourceHandler = async (context, cancellationToken) =>
                await Guarded(logger, RequestMethods.ResourcesRead, context, () => resources.ReadAsync(context.Params?.Uri ?? throw new McpProtocolException("params.uri is required", McpErrorCode.InvalidParams), cancellationToken)).ConfigureAwait(false),
            ListPromptsHandler = (_, _) => ValueTask.FromResult(new ListPromptsResult { Prompts = [.. CampaignPrompts.All] }),
            GetPromptHandler = (context, _) => ValueTask.FromResult(CampaignPrompts.Get(
                context.Params?.Name ?? throw new McpProtocolException("params.name is required", McpErrorCode.InvalidParams),
                context.Params.Arguments)),
            CompleteHandler = async (context, cancellationToken) =>
                await Guarded(logger, RequestMethods.CompletionComplete, context, () => CampaignCompletions.CompleteAsync(resources, context.Params, cancellationToken)).ConfigureAwait(false),
#pragma warning disable MCP9005 // logging/setLevel is deprecated in 2026-07-28 but part of the 2025 versions this server speaks.
            SetLoggingLevelHandler = (_, _) => ValueTask.FromResult(new EmptyResult()),
#pragma warning restore MCP9005
        },
    };

    private static async Task<T> Guarded<T, TParams>(ILogger logger, string method, RequestContext<TParams> context, Func<Task<T>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (StorageUnavailableException exception)
        {
            McpLog.McpStorageUnavailable(logger, method, McpCaller.Of(context.User).Audit, exception.Message);
            throw McpProtocolErrors.StorageUnavailable(exception);
        }
    }
}
