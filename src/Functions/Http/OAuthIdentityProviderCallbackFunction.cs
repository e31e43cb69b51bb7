using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.OAuth.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class OAuthIdentityProviderCallbackFunction(HttpEndpointPipeline pipeline, IdentityProviderCallbackEndpoint endpoint)
{
    [Function(FunctionNames.OAuthIdentityProviderCallback)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.OAuthIdentityProviderCallback)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
