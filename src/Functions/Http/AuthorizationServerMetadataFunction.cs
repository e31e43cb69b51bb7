using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class AuthorizationServerMetadataFunction(HttpEndpointPipeline pipeline, AuthorizationServerMetadataEndpoint endpoint)
{
    [Function(FunctionNames.AuthorizationServerMetadata)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.AuthorizationServerMetadata)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
