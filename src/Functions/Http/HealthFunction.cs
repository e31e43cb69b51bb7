using CampaignMcp.Health;
using CampaignMcp.Hosting;
using CampaignMcp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class HealthFunction(HttpEndpointPipeline pipeline, HealthEndpoint endpoint)
{
    // Methods are left open on every trigger: HttpEndpointPipeline answers OPTIONS (CORS) and 405 itself.
    [Function(FunctionNames.Health)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.Health)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
