using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.Tokens.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.Functions.Http;

public sealed class TokenFunction(HttpEndpointPipeline pipeline, TokenEndpoint endpoint)
{
    [Function(FunctionNames.IssueToken)]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, Route = Routes.Token)] HttpRequest request)
        => pipeline.ExecuteAsync(endpoint, request);
}
