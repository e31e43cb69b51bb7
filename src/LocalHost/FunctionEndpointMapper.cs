using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.LocalHost;

/// <summary>Maps discovered functions onto Kestrel, creating the function class per invocation as the worker does.</summary>
public static class FunctionEndpointMapper
{
    public static IReadOnlyList<FunctionRoute> MapFunctions(this IEndpointRouteBuilder endpoints, Assembly functionsAssembly, string routePrefix)
    {
        var routes = FunctionRouteTable.Discover(functionsAssembly);
        foreach (var route in routes)
        {
            FunctionRouteTable.EnsureServable(route);
            var factory = ActivatorUtilities.CreateFactory(route.FunctionClass, Type.EmptyTypes);
            var pattern = "/" + route.PathFor(routePrefix);
            RequestDelegate handler = context => InvokeAsync(route, factory, context);
            var builder = route.Methods is null ? endpoints.Map(pattern, handler) : endpoints.MapMethods(pattern, route.Methods, handler);
            builder.WithName(route.Name).WithDisplayName($"Function {route.Name}");
        }

        return routes;
    }

    private static async Task InvokeAsync(FunctionRoute route, ObjectFactory factory, HttpContext context)
    {
        var instance = route.Method.IsStatic ? null : factory(context.RequestServices, null);
        var arguments = route.Method.GetParameters()
            .Select(parameter => parameter.ParameterType == typeof(HttpRequest) ? (object)context.Request : context.RequestAborted)
            .ToArray();
        try
        {
            var returned = route.Method.Invoke(instance, arguments);
            var result = returned switch
            {
                Task<IResult> pending => await pending.ConfigureAwait(false),
                Task pending => await Completed(pending).ConfigureAwait(false),
                IResult immediate => immediate,
                _ => null,
            };
            if (result is not null)
            {
                await result.ExecuteAsync(context).ConfigureAwait(false);
            }
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static async Task<IResult?> Completed(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }
}
