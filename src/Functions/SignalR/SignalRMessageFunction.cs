using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.SignalR;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.SignalR;

/// <summary>
/// The message handler: the target of the service's upstream URL template
/// <c>https://&lt;app&gt;/api/v1/mcp/signalr/upstream/{hub}/{category}/{event}</c>. Anonymous at the
/// Functions level because every call is verified by its <c>X-ASRS-Signature</c>.
/// </summary>
public sealed class SignalRMessageFunction(HttpEndpointPipeline pipeline, UpstreamEndpoint endpoint)
{
    [Function(FunctionNames.SignalRMessages)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.SignalRUpstream)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
