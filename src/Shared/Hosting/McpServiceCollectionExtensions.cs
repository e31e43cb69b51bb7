using CampaignMcp.Mcp;
using CampaignMcp.Mcp.Resources;
using CampaignMcp.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Hosting;

public static class McpServiceCollectionExtensions
{
    /// <summary>The campaign tools, resources and prompts, and the MCP dispatch over Streamable HTTP.</summary>
    public static IServiceCollection AddMcpServices(this IServiceCollection services)
    {
        services.AddSingleton<ICampaignTool, ListCampaignsTool>();
        services.AddSingleton<ICampaignTool, GetCampaignTool>();
        services.AddSingleton<ICampaignTool, CampaignPerformanceTool>();
        services.AddSingleton<ICampaignTool, ExportCampaignsTool>();
        services.AddSingleton<ToolCatalog>();
        services.AddSingleton<ToolInvoker>();
        services.AddSingleton<McpToolCall>();
        services.AddSingleton<McpFixedReplies>();
        services.AddSingleton<CampaignResources>();
        services.AddSingleton<CampaignMcpServerOptions>();
        services.AddSingleton<McpAccessPolicy>();
        services.AddSingleton<McpSdkDispatcher>();
        services.AddSingleton<McpRequestAuthorizer>();
        services.AddSingleton<McpRequestProcessor>();
        services.AddHttpContextAccessor();
        services.AddSingleton<BearerChallenge>();
        services.AddSingleton<McpHttpEndpoint>();
        services.AddSingleton<ProtectedResourceMetadataEndpoint>();

        // The SDK logs every request at Information; per-invocation servers make that noise.
        services.Configure<LoggerFilterOptions>(options => options.AddFilter("ModelContextProtocol", LogLevel.Warning));
        return services;
    }
}
