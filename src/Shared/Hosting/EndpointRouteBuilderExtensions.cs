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
    /// <returns>The functions mapped, for a start-up banner.</returns>
    public static IReadOnlyList<CampaignMcpEndpoint> MapCampaignMcp(this IEndpointRouteBuilder endpoints, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(routePrefix);
        foreach (var function in CampaignMcpEndpoints.All)
        {
            if (function.AuthLevel != CampaignMcpEndpoint.Anonymous)
            {
                // Outside Azure nothing checks Functions keys: serving such a function here would serve it open.
                throw new InvalidOperationException($"Function {function.FunctionName} has auth level {function.AuthLevel}; only anonymous functions can be served outside the Functions host.");
            }

            var endpointType = function.EndpointType;
            RequestDelegate handler = context => ExecuteAsync(context, endpointType);
            var pattern = "/" + function.PathFor(routePrefix);
            var builder = function.TriggerMethods is null ? endpoints.Map(pattern, handler) : endpoints.MapMethods(pattern, function.TriggerMethods, handler);
            builder.WithName(function.FunctionName).WithDisplayName($"Function {function.FunctionName}");
        }

        return CampaignMcpEndpoints.All;
    }

    private static async Task ExecuteAsync(HttpContext context, Type endpointType)
    {
        var services = context.RequestServices;
        var endpoint = (IHttpEndpoint)services.GetRequiredService(endpointType);
        var result = await services.GetRequiredService<HttpEndpointPipeline>().ExecuteAsync(endpoint, context.Request).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }
}
