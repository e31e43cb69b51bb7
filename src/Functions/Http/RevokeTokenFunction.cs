using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.Tokens.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class RevokeTokenFunction(HttpEndpointPipeline pipeline, RevokeEndpoint endpoint)
{
    [Function(FunctionNames.RevokeToken)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.Revoke)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
