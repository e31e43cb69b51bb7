using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.SignalR;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.SignalR;

/// <summary>The SignalR client's negotiate call; answers <c>{url, accessToken}</c> for Azure SignalR Service.</summary>
public sealed class NegotiateFunction(HttpEndpointPipeline pipeline, NegotiateEndpoint endpoint)
{
    [Function(FunctionNames.SignalRNegotiate)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.SignalRNegotiate)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
