using CampaignMcp.Http;

namespace CampaignMcp.Hosting;

/// <summary>
/// One HTTP-triggered function as <c>functions.metadata</c> declares it. The Functions host routes by
/// that file, which the Worker SDK writes from the function classes' attributes; other hosts map this
/// record (<see cref="EndpointRouteBuilderExtensions.MapCampaignMcp"/>). A test holds the two equal.
/// </summary>
/// <param name="FunctionName">The <c>[Function]</c> name: portal, logs, endpoint name.</param>
/// <param name="Route">The trigger's route, without host.json's <c>routePrefix</c>.</param>
/// <param name="TriggerMethods">
/// Methods the trigger lets through; null for all. Every trigger here is open so that
/// <see cref="HttpEndpointPipeline"/> answers OPTIONS (CORS) and 405 with <c>Allow</c> in the endpoint's own envelope.
/// </param>
/// <param name="EndpointType">The <see cref="IHttpEndpoint"/> the function hands the request to.</param>
/// <param name="AuthLevel">The trigger's authorization level, spelt as in <c>functions.metadata</c>.</param>
public sealed record CampaignMcpEndpoint(string FunctionName, string Route, IReadOnlyList<string>? TriggerMethods, Type EndpointType, string AuthLevel)
{
    /// <summary>
    /// No Functions key: each endpoint authorizes its own callers (API key, bearer JWT, <c>X-ASRS-Signature</c>),
    /// and MCP and OAuth clients could not send a key anyway.
    /// </summary>
    public const string Anonymous = "Anonymous";

    /// <summary>
    /// A Functions key in <c>code</c> or <c>x-functions-key</c>: the SignalR message handler, whose caller (the
    /// service) has one in its upstream URL. The local host checks <c>MCP_LOCAL_FUNCTION_KEY</c> instead.
    /// https://learn.microsoft.com/azure/azure-functions/function-keys-how-to
    /// </summary>
    public const string Function = "Function";

    /// <summary>The path as served, with host.json's <c>routePrefix</c>.</summary>
    public string PathFor(string routePrefix) => routePrefix.Length == 0 ? Route : $"{routePrefix.Trim('/')}/{Route}";
}
