using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class SessionsFunction(HttpEndpointPipeline pipeline, SessionsEndpoint endpoint)
{
    [Function(FunctionNames.Sessions)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.Sessions)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
