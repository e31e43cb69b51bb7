using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.SignalR;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.SignalR;

/// <summary>
/// The message handler: the target of the service's upstream URL template
/// <c>https://&lt;app&gt;/api/v1/mcp/signalr/upstream/{hub}/{category}/{event}?code=&lt;function key&gt;</c>.
/// Function level: the host checks the key the Bicep put into the upstream URL, a second factor beside the
/// <c>X-ASRS-Signature</c>, which covers only the connection id and never expires.
/// </summary>
public sealed class SignalRMessageFunction(HttpEndpointPipeline pipeline, UpstreamEndpoint endpoint)
{
    [Function(FunctionNames.SignalRMessages)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Function, Route = Routes.SignalRUpstream)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
