using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class SessionsPageFunction(HttpEndpointPipeline pipeline, SessionsPageEndpoint endpoint)
{
    [Function(FunctionNames.SessionsPage)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.SessionsPage)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
