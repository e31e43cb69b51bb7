using System.Text.Json;
using CampaignMcp.SignalR;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace CampaignMcp.LocalHost.SignalRService;

/// <summary>
/// A local stand-in for Azure SignalR Service in serverless mode, on real ASP.NET Core SignalR
/// (WebSockets, Server-Sent Events, long polling; JSON hub protocol). It implements:
/// the client endpoint <c>{PathBase}/client/?hub=mcp</c> with strict token checks; upstream
/// calls for connect, disconnect and invocations, signed like the service's; the data-plane REST
/// API's sends to a connection, a user and everyone, plus the connection existence check; and, in Entra mode
/// (local auth disabled), the access-key API and a <see cref="LocalEntra"/> for the app's managed identity.
/// Not implemented: groups, MessagePack, the service's own multi-instance features.
/// </summary>
public static class LocalSignalRService
{
    public static IServiceCollection AddLocalSignalRService(this IServiceCollection services, LocalSignalRServiceOptions options)
    {
        services.AddSignalR(hub =>
        {
            hub.EnableDetailedErrors = false;
            // The service passes a client message over ASP.NET Core's 32 KB default on to the app, whose
            // 413 comes back as an error completion (seen on the official emulator); keep that path here.
            hub.MaximumReceiveMessageSize = 4 * 1024 * 1024;
        });
        services.AddSingleton(options);
        services.AddSingleton<StandInTokenValidator>();
        services.AddSingleton<IssuedAccessKeys>();
        if (options.Entra is { } entra)
        {
            services.AddSingleton(entra);
            services.AddHttpClient(LocalManagedIdentityCredentialFactory.HttpClientName);
            services.AddSingleton<ISignalRCredentialFactory>(provider =>
                new LocalManagedIdentityCredentialFactory(provider.GetRequiredService<IHttpClientFactory>(), entra.TokenUrl, entra.IdentityHeader));
        }

        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<UpstreamForwarder>();
        services.AddHttpClient(UpstreamForwarder.HttpClientName);
        return services;
    }

    public static void MapLocalSignalRService(this WebApplication app, LocalSignalRServiceOptions options)
    {
        var clientPath = options.PathBase + "/client";
        app.UseWhen(context => context.Request.Path.StartsWithSegments(clientPath), branch => branch.Use(AuthenticateClientAsync));
        // MapHub<ServiceHub>, except that the hub's handler (which discovers and compiles the hub's methods) is built
        // on the first client connection instead of at start-up, which every cold start would pay for
        // (docs/benchmarks.md, "Start-up settings").
        var hub = new Lazy<HubConnectionHandler<ServiceHub>>(() => ActivatorUtilities.GetServiceOrCreateInstance<HubConnectionHandler<ServiceHub>>(app.Services));
        app.MapConnections(clientPath, new HttpConnectionDispatcherOptions(), connection => connection.Run(context => hub.Value.OnConnectedAsync(context)))
            .WithMetadata(new HubMetadata(typeof(ServiceHub)));

        // RequestDelegates rather than lambdas with bound parameters: RequestDelegateFactory compiles those from expression
        // trees while the host starts, which a profile of the cold start showed among its largest costs.
        var rest = app.MapGroup(options.PathBase + "/api/hubs/{hub}");
        rest.MapPost("/connections/{connectionId}/:send", context =>
            SendAsync(context, (clients, values) => clients.Client(values.ConnectionId!), requireConnection: true));
        rest.MapPost("/users/{userId}/:send", context =>
            SendAsync(context, (clients, values) => clients.User(values.UserId!), requireConnection: false));
        rest.MapPost("/:send", context =>
            SendAsync(context, (clients, _) => clients.All, requireConnection: false));
        rest.MapMethods("/connections/{connectionId}", [HttpMethods.Head, HttpMethods.Get], ConnectionExistsAsync);
        if (options.Entra is { } entra)
        {
            entra.Time = app.Services.GetRequiredService<TimeProvider>();
            app.MapGet(options.PathBase + "/api/v1/auth/accessKey", AccessKeyAsync);
            app.MapGet(LocalEntra.TokenPath, entra.TokenAsync);
            app.MapGet(LocalEntra.KeysPath, entra.KeysAsync);
        }
    }

    /// <summary>
    /// <c>GET /api/v1/auth/accessKey</c>: a Microsoft Entra token for <c>https://signalr.azure.com</c> of an identity
    /// holding the SignalR App Server role buys a temporary key, <c>{"KeyId", "AccessKey"}</c>, as the service answers
    /// the Microsoft.Azure.SignalR SDK; 401 for a missing or invalid token, 403 for an identity without the role.
    /// </summary>
    private static async Task AccessKeyAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<LocalSignalRServiceOptions>();
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        var clientId = await options.Entra!.ValidateAsync(token, SignalRServiceEndpoint.EntraResource).ConfigureAwait(false);
        if (clientId is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!options.AppServerClientIds.Contains(clientId))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new { code = "Error.Forbidden", message = "The identity does not hold the SignalR App Server role" }).ConfigureAwait(false);
            return;
        }

        var key = services.GetRequiredService<IssuedAccessKeys>().Issue();
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["KeyId"] = key.KeyId!, ["AccessKey"] = key.Value }).ConfigureAwait(false);
    }

    private readonly record struct RestRoute(string Hub, string? ConnectionId, string? UserId)
    {
        public static RestRoute Of(HttpContext context)
        {
            var values = context.Request.RouteValues;
            return new RestRoute(values["hub"] as string ?? string.Empty, values["connectionId"] as string, values["userId"] as string);
        }
    }

    private static async Task ConnectionExistsAsync(HttpContext context)
    {
        var route = RestRoute.Of(context);
        var result = await AuthorizeRestAsync(context, route.Hub).ConfigureAwait(false)
            ?? (context.RequestServices.GetRequiredService<ConnectionRegistry>().Contains(route.ConnectionId!) ? Results.Ok() : (IResult)NotExisted("Connection"));
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>Negotiate and connect requests must carry a client token for hub <c>mcp</c>, as header or <c>access_token</c>.</summary>
    private static async Task AuthenticateClientAsync(HttpContext context, RequestDelegate next)
    {
        if (context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            // Stopping: a client that reconnects at once (over a kept-alive connection Kestrel still serves)
            // must not get a connection that the app behind it can no longer answer, and that holds the
            // host's shutdown for its whole timeout.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var hub = context.Request.Query["hub"].ToString();
        if (!string.Equals(hub, HubContract.HubName, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = $"Unknown hub '{hub}'" }).ConfigureAwait(false);
            return;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : context.Request.Query["access_token"].ToString();
        var endpoint = context.RequestServices.GetRequiredService<SignalRSettings>().Endpoint!;
        var user = await context.RequestServices.GetRequiredService<StandInTokenValidator>().ValidateAsync(token, endpoint.ClientAudience(HubContract.HubName)).ConfigureAwait(false);
        if (user is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        context.User = user;
        await next(context).ConfigureAwait(false);
    }

    private static async Task SendAsync(HttpContext context, Func<IHubClients, RestRoute, IClientProxy> select, bool requireConnection)
    {
        var result = await SendCoreAsync(context, select, requireConnection).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task<IResult> SendCoreAsync(HttpContext context, Func<IHubClients, RestRoute, IClientProxy> select, bool requireConnection)
    {
        var route = RestRoute.Of(context);
        if (await AuthorizeRestAsync(context, route.Hub).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (requireConnection && !context.RequestServices.GetRequiredService<ConnectionRegistry>().Contains(route.ConnectionId!))
        {
            return NotExisted("Connection");
        }

        PayloadMessage? payload;
        try
        {
            payload = await JsonSerializer.DeserializeAsync<PayloadMessage>(context.Request.Body, PayloadJson, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            payload = null;
        }

        if (payload is null || string.IsNullOrEmpty(payload.Target))
        {
            return Results.BadRequest(new { code = "Error.InvalidRequest", message = "The body must be {\"target\": \"...\", \"arguments\": [...]}" });
        }

        var clients = context.RequestServices.GetRequiredService<IHubContext<ServiceHub>>().Clients;
        object?[] arguments = payload.Arguments?.Select(argument => (object?)argument).ToArray() ?? [];
        await select(clients, route).SendCoreAsync(payload.Target, arguments, context.RequestAborted).ConfigureAwait(false);
        return Results.Accepted();
    }

    private static async Task<IResult?> AuthorizeRestAsync(HttpContext context, string hub)
    {
        if (!string.Equals(hub, HubContract.HubName, StringComparison.OrdinalIgnoreCase))
        {
            return Results.NotFound();
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        var called = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}";
        var user = await context.RequestServices.GetRequiredService<StandInTokenValidator>().ValidateAsync(token, called).ConfigureAwait(false);
        return user is null ? Results.Unauthorized() : null;
    }

    private static NotExistedResult NotExisted(string what) => new(what);

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private sealed record PayloadMessage(string? Target, JsonElement[]? Arguments);

    /// <summary>404 with the <c>x-ms-error-code</c> header the management SDK reads.</summary>
    private sealed class NotExistedResult(string what) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
            httpContext.Response.Headers["x-ms-error-code"] = $"Warning.{what}.NotExisted";
            return Task.CompletedTask;
        }
    }
}
