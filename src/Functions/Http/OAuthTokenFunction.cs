using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class OAuthTokenFunction(HttpEndpointPipeline pipeline, OAuthTokenEndpoint endpoint)
{
    [Function(FunctionNames.OAuthToken)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.OAuthToken)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
