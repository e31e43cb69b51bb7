using CampaignMcp.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Hosting;

public static class EndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <see cref="CampaignMcpEndpoints.All"/> onto ASP.NET Core routing as the Functions host
    /// routes them: same name, path (after host.json's <paramref name="routePrefix"/>) and methods,
    /// each request handed to <see cref="HttpEndpointPipeline"/> with the function's endpoint, as the
    /// function class does. For hosts other than the Functions worker (the local host).
    /// </summary>
    /// <param name="functionKey">What function-level functions require, as the Functions host requires its keys.</param>
    /// <returns>The functions mapped, for a start-up banner.</returns>
    public static IReadOnlyList<CampaignMcpEndpoint> MapCampaignMcp(this IEndpointRouteBuilder endpoints, string routePrefix, FunctionKey functionKey)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(routePrefix);
        ArgumentNullException.ThrowIfNull(functionKey);
        foreach (var function in CampaignMcpEndpoints.All)
        {
            var endpointType = function.EndpointType;
            RequestDelegate handler = function.AuthLevel switch
            {
                CampaignMcpEndpoint.Anonymous => context => ExecuteAsync(context, endpointType, null),
                CampaignMcpEndpoint.Function => context => ExecuteAsync(context, endpointType, functionKey),
                // Nothing here checks other levels: serving such a function would serve it open.
                _ => throw new InvalidOperationException($"Function {function.FunctionName} has auth level {function.AuthLevel}; outside the Functions host only anonymous and function-key functions can be served."),
            };
            var pattern = "/" + function.PathFor(routePrefix);
            var builder = function.TriggerMethods is null ? endpoints.Map(pattern, handler) : endpoints.MapMethods(pattern, function.TriggerMethods, handler);
            builder.WithName(function.FunctionName).WithDisplayName($"Function {function.FunctionName}");
        }

        return CampaignMcpEndpoints.All;
    }

    private static async Task ExecuteAsync(HttpContext context, Type endpointType, FunctionKey? functionKey)
    {
        var services = context.RequestServices;
        var endpoint = (IHttpEndpoint)services.GetRequiredService(endpointType);
        var result = functionKey is not null && !functionKey.Admits(context.Request)
            ? FunctionKey.Refuse(endpoint, context)
            : await services.GetRequiredService<HttpEndpointPipeline>().ExecuteAsync(endpoint, context.Request).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }
}
