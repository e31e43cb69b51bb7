using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CampaignMcp.LocalHost;

/// <summary>
/// Reads the <c>[Function]</c> and <c>[HttpTrigger]</c> attributes of the Functions assembly, so
/// that the local host serves exactly the routes and methods the Functions host would: nothing is
/// listed twice, and a function added later appears here by itself.
/// </summary>
public static class FunctionRouteTable
{
    public static IReadOnlyList<FunctionRoute> Discover(Assembly functionsAssembly)
    {
        var routes = new List<FunctionRoute>();
        foreach (var type in functionsAssembly.GetExportedTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)
                    ?? throw new InvalidOperationException($"Function {function.Name} has no HTTP trigger; the local host serves HTTP triggers only.");
                if (trigger.Route is null)
                {
                    throw new InvalidOperationException($"Function {function.Name} must declare its Route.");
                }

                routes.Add(new FunctionRoute(function.Name, trigger.Route, trigger.Methods?.Select(m => m.ToUpperInvariant()).ToArray(), type, method));
            }
        }

        return routes.OrderBy(route => route.Route, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Checks once at start-up that every parameter and return type can be served here.</summary>
    internal static void EnsureServable(FunctionRoute route)
    {
        foreach (var parameter in route.Method.GetParameters())
        {
            if (parameter.ParameterType != typeof(HttpRequest) && parameter.ParameterType != typeof(CancellationToken))
            {
                throw new InvalidOperationException($"Function {route.Name}: the local host cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}; take HttpRequest and CancellationToken only.");
            }
        }

        var returns = route.Method.ReturnType;
        if (returns != typeof(Task<IResult>) && returns != typeof(IResult) && returns != typeof(Task))
        {
            throw new InvalidOperationException($"Function {route.Name}: return IResult or Task<IResult> so that the local host can serve it.");
        }
    }
}
