using System.Reflection;

namespace CampaignMcp.LocalHost;

/// <summary>One HTTP-triggered function as its attributes declare it: what Core Tools would route.</summary>
public sealed record FunctionRoute(string Name, string Route, IReadOnlyList<string>? Methods, Type FunctionClass, MethodInfo Method)
{
    /// <summary>The path as served, with host.json's <c>routePrefix</c>.</summary>
    public string PathFor(string routePrefix) => routePrefix.Length == 0 ? Route : $"{routePrefix.Trim('/')}/{Route}";
}
