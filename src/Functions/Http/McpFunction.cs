using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class McpFunction(HttpEndpointPipeline pipeline, McpHttpEndpoint endpoint)
{
    [Function(FunctionNames.Mcp)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.Mcp)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
