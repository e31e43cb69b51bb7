using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class ProtectedResourceMetadataFunction(HttpEndpointPipeline pipeline, ProtectedResourceMetadataEndpoint endpoint)
{
    [Function(FunctionNames.ProtectedResourceMetadata)]
    public Task<IResult> Root([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.ProtectedResourceMetadata)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);

    [Function(FunctionNames.ProtectedResourceMetadataForMcp)]
    public Task<IResult> ForMcp([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.ProtectedResourceMetadataForMcp)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
