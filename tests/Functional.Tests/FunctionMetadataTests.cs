using System.Text.Json;
using CampaignMcp.Functions.Http;
using CampaignMcp.Hosting;
using CampaignMcp.Http;
using CampaignMcp.LocalHost;
using CampaignMcp.LocalHost.SignalRService;
using CampaignMcp.Storage.Purge;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Functional.Tests;

/// <summary>
/// The Worker SDK writes <c>functions.metadata</c> from the function attributes at build time; the
/// Functions host routes by it. The endpoint table in Shared must say the same, and the local host
/// must serve exactly that table.
/// </summary>
public class FunctionMetadataTests
{
    private static readonly string[] ExpectedFunctions = ["AuthorizationServerMetadata", "Health", "IssueToken", "Mcp", "OAuthAuthorize", "OAuthIdentityProviderCallback", "OAuthRegister", "OAuthRevoke", "OAuthToken", "ProtectedResourceMetadata", "ProtectedResourceMetadataForMcp", "RefreshToken", "RevokeToken", "Sessions", "SessionsPage", "SignalRMessages", "SignalRNegotiate"];

    private static string RepositoryRoot()
        => LocalSettingsFile.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Serverless.sln not found above the test output");

    private static string MetadataPath()
    {
        // tests/Functions.Tests/bin/<Configuration>/net10.0/ -> src/Functions/bin/<Configuration>/net10.0/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var path = Path.Combine(RepositoryRoot(), "src", "Functions", "bin", configuration, output.Name, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build src/Functions first");
        return path;
    }

    /// <summary>Timer functions: not HTTP routes, so not in the endpoint table; each is listed here with its schedule.</summary>
    private static readonly (string Name, string Schedule)[] ExpectedTimerFunctions = [(PurgeSchedule.FunctionName, PurgeSchedule.Cron)];

    private static List<(string Name, string Trigger, JsonElement Binding, string EntryPoint)> ReadAllFunctions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        return document.RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            return (function.GetProperty("name").GetString()!, trigger.GetProperty("type").GetString()!, trigger.Clone(), function.GetProperty("entryPoint").GetString()!);
        }).OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }

    private static List<(string Name, string Route, string[]? Methods, string AuthLevel, string EntryPoint)> ReadMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        return document.RootElement.EnumerateArray()
            .Where(function => function.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");
            var methods = trigger.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
                ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToArray()
                : null;
            return (
                function.GetProperty("name").GetString()!,
                trigger.GetProperty("route").GetString()!,
                methods,
                trigger.GetProperty("authLevel").GetString()!,
                function.GetProperty("entryPoint").GetString()!);
        }).OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Generated_metadata_lists_every_function_with_its_route_and_methods()
    {
        var metadata = ReadMetadata();
        Assert.Equal(ExpectedFunctions, metadata.Select(f => f.Name));
        Assert.Contains(metadata, f => f.Name == "Health" && f.Route == "api/v1/mcp/health" && f.Methods is null);
        Assert.Contains(metadata, f => f.Name == "IssueToken" && f.Route == "api/v1/mcp/auth/token" && f.Methods is null);
        Assert.Contains(metadata, f => f.Name == "OAuthIdentityProviderCallback" && f.Route == "api/v1/mcp/oauth/idp-callback" && f.Methods is null);
        Assert.Contains(metadata, f => f.Name == "Sessions" && f.Route == "api/v1/mcp/sessions" && f.Methods is null);
        Assert.Contains(metadata, f => f.Name == "RefreshToken" && f.Route == "api/v1/mcp/auth/refresh" && f.Methods is null);
        Assert.Contains(metadata, f => f.Name == "RevokeToken" && f.Route == "api/v1/mcp/auth/revoke" && f.Methods is null);
        Assert.Contains(metadata, f => f.Name == "OAuthToken" && f.Route == "api/v1/mcp/oauth/token" && f.Methods is null);
        Assert.Contains(metadata, f => f.Name == "OAuthRevoke" && f.Route == "api/v1/mcp/oauth/revoke" && f.Methods is null);
        Assert.Contains(metadata, f => f.Name == "AuthorizationServerMetadata" && f.Route == ".well-known/oauth-authorization-server");
        Assert.Contains(metadata, f => f.Name == "Mcp" && f.Route == "api/v1/mcp" && f.Methods is null);
        Assert.Contains(metadata, f => f.Name == "ProtectedResourceMetadata" && f.Route == ".well-known/oauth-protected-resource");
        Assert.Contains(metadata, f => f.Name == "ProtectedResourceMetadataForMcp" && f.Route == ".well-known/oauth-protected-resource/api/v1/mcp");
        Assert.Contains(metadata, f => f.Name == "SignalRNegotiate" && f.Route == "api/v1/mcp/signalr/negotiate");
        Assert.Contains(metadata, f => f.Name == "SignalRMessages" && f.Route == "api/v1/mcp/signalr/upstream/{hub}/{category}/{event}");
        // The message handler needs the function key the Bicep puts into the upstream URL.
        Assert.All(metadata, f => Assert.Equal(f.Name == "SignalRMessages" ? "Function" : "Anonymous", f.AuthLevel));
    }

    [Fact]
    public void Every_generated_function_is_an_http_endpoint_or_a_listed_timer()
    {
        var all = ReadAllFunctions();
        Assert.Equal(ExpectedFunctions.Concat(ExpectedTimerFunctions.Select(t => t.Name)).Order(StringComparer.Ordinal), all.Select(f => f.Name));
        Assert.All(all, f => Assert.Contains(f.Trigger, new[] { "httpTrigger", "timerTrigger" }));
        foreach (var (name, schedule) in ExpectedTimerFunctions)
        {
            var timer = Assert.Single(all, f => f.Name == name);
            Assert.Equal("timerTrigger", timer.Trigger);
            Assert.Equal(schedule, timer.Binding.GetProperty("schedule").GetString());
        }
    }

    [Fact]
    public async Task The_purge_function_runs_the_purge_the_local_host_runs_on_its_schedule()
    {
        var generated = Assert.Single(ReadAllFunctions(), f => f.Name == PurgeSchedule.FunctionName);
        var separator = generated.EntryPoint.LastIndexOf('.');
        var functionClass = typeof(HealthFunction).Assembly.GetType(generated.EntryPoint[..separator], throwOnError: true)!;
        Assert.Equal(new[] { typeof(ExpiredStatePurge) }, functionClass.GetConstructors().Single().GetParameters().Select(p => p.ParameterType));

        await using var host = await RunningHost.StartAsync();
        Assert.Contains(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is ExpiredStatePurgeService);
    }

    [Fact]
    public void The_endpoint_table_matches_the_generated_metadata()
    {
        var metadata = ReadMetadata();
        var table = CampaignMcpEndpoints.All.OrderBy(e => e.FunctionName, StringComparer.Ordinal).ToList();

        Assert.Equal(metadata.Select(f => f.Name), table.Select(e => e.FunctionName));
        foreach (var (generated, entry) in metadata.Zip(table))
        {
            Assert.Equal(generated.Route, entry.Route);
            Assert.Equal(generated.Methods, entry.TriggerMethods);
            Assert.Equal(generated.AuthLevel, entry.AuthLevel);
        }
    }

    [Fact]
    public void Each_function_class_hands_its_request_to_the_endpoint_the_table_names()
    {
        var functions = typeof(HealthFunction).Assembly;
        foreach (var generated in ReadMetadata())
        {
            var entry = CampaignMcpEndpoints.All.Single(e => e.FunctionName == generated.Name);
            var separator = generated.EntryPoint.LastIndexOf('.');
            var functionClass = functions.GetType(generated.EntryPoint[..separator], throwOnError: true)!;
            Assert.NotNull(functionClass.GetMethod(generated.EntryPoint[(separator + 1)..]));

            // The classes take the pipeline and their endpoint and do nothing else, so the injected endpoint is the one served.
            var injected = functionClass.GetConstructors().Single().GetParameters().Select(p => p.ParameterType).ToArray();
            Assert.Equal(new[] { typeof(HttpEndpointPipeline), entry.EndpointType }, injected);
        }
    }

    [Fact]
    public async Task The_running_local_host_maps_exactly_the_endpoint_table()
    {
        var routePrefix = HostJson.RoutePrefix(Path.Combine(RepositoryRoot(), "host.json"));
        await using var host = await RunningHost.StartAsync();
        var served = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // The rest is the local SignalR Service stand-in, which has its own path base.
            .Where(e => !e.RoutePattern.RawText!.StartsWith(LocalSignalRServiceOptions.DefaultPathBase + "/", StringComparison.Ordinal))
            .Select(e => Describe(
                e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods))
            .Order(StringComparer.Ordinal)
            .ToList();
        var table = CampaignMcpEndpoints.All
            .Select(e => Describe(e.FunctionName, e.PathFor(routePrefix), e.TriggerMethods))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(table, served);
        foreach (var function in ReadMetadata())
        {
            Assert.Contains(Describe(function.Name, function.Route, function.Methods), served);
        }

        foreach (var entry in CampaignMcpEndpoints.All)
        {
            Assert.IsType(entry.EndpointType, host.Services.GetRequiredService(entry.EndpointType));
        }
    }

    private static string Describe(string? name, string path, IEnumerable<string>? methods)
        => $"{name} {path} {(methods is null ? "ANY" : string.Join(",", methods))}";
}
