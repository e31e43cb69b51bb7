using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.OAuth.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class OAuthAuthorizeFunction(HttpEndpointPipeline pipeline, AuthorizationEndpoint endpoint)
{
    [Function(FunctionNames.OAuthAuthorize)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.OAuthAuthorize)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
