using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.Tokens.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class RefreshTokenFunction(HttpEndpointPipeline pipeline, RefreshEndpoint endpoint)
{
    [Function(FunctionNames.RefreshToken)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.Refresh)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
