using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class OAuthRevokeFunction(HttpEndpointPipeline pipeline, OAuthRevokeEndpoint endpoint)
{
    [Function(FunctionNames.OAuthRevoke)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.OAuthRevoke)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
