using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.OAuth.Clients;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class OAuthRegisterFunction(HttpEndpointPipeline pipeline, ClientRegistrationEndpoint endpoint)
{
    [Function(FunctionNames.OAuthRegister)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.OAuthRegister)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
