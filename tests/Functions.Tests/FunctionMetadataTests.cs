using System.Text.Json;
using CampaignMcp.Functions.Http;
using CampaignMcp.LocalHost;
using CampaignMcp.Mcp;
using CampaignMcp.OAuth;
using CampaignMcp.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignMcp.Functions.Tests;

/// <summary>
/// The Worker SDK writes <c>functions.metadata</c> from the function attributes at build time; the
/// Functions host routes by it. The local host must serve exactly those routes and methods.
/// </summary>
public class FunctionMetadataTests
{
    private static readonly string[] ExpectedFunctions = ["AuthorizationServerMetadata", "Health", "IssueToken", "Mcp", "OAuthRevoke", "OAuthToken", "ProtectedResourceMetadata", "ProtectedResourceMetadataForMcp", "RefreshToken", "RevokeToken", "SignalRMessages", "SignalRNegotiate"];

    private static string MetadataPath()
    {
        // tests/Functions.Tests/bin/<Configuration>/net10.0/ -> src/Functions/bin/<Configuration>/net10.0/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = LocalSettingsFile.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("Serverless.sln not found above the test output");
        var path = Path.Combine(root, "src", "Functions", "bin", configuration, output.Name, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build src/Functions first");
        return path;
    }

    private static List<(string Name, string Route, string[]? Methods, string EntryPoint)> ReadMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        return document.RootElement.EnumerateArray().Select(function =>
        {
            var trigger = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");
            var methods = trigger.TryGetProperty("methods", out var m) && m.ValueKind == JsonValueKind.Array
                ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToArray()
                : null;
            return (function.GetProperty("name").GetString()!, trigger.GetProperty("route").GetString()!, methods, function.GetProperty("entryPoint").GetString()!);
        }).OrderBy(f => f.Item1, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Generated_metadata_lists_every_function_with_its_route_and_methods()
    {
        var metadata = ReadMetadata();
        Assert.Equal(ExpectedFunctions, metadata.Select(f => f.Name));
        Assert.Contains(metadata, f => f.Name == "Health" && f.Route == "api/v1/mcp/health" && f.Methods is null);
        Assert.Contains(metadata, f => f.Name == "IssueToken" && f.Route == "api/v1/mcp/auth/token" && f.Methods is null);
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
    }

    [Fact]
    public void The_local_host_route_table_matches_the_generated_metadata()
    {
        var discovered = FunctionRouteTable.Discover(typeof(HealthFunction).Assembly)
            .Select(r => (r.Name, r.Route, r.Methods?.ToArray(), $"{r.FunctionClass.FullName}.{r.Method.Name}"))
            .OrderBy(r => r.Name, StringComparer.Ordinal);
        var metadata = ReadMetadata();

        Assert.Equal(metadata.Count, discovered.Count());
        foreach (var (expected, actual) in metadata.Zip(discovered))
        {
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.Route, actual.Route);
            Assert.Equal(expected.Methods, actual.Item3);
            Assert.Equal(expected.EntryPoint, actual.Item4);
        }
    }

    [Fact]
    public async Task The_running_local_host_serves_every_function_at_its_route()
    {
        await using var host = await RunningHost.StartAsync();
        var served = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, e.RoutePattern.RawText!.TrimStart('/')))
            .ToHashSet();

        foreach (var function in ReadMetadata())
        {
            Assert.Contains((function.Name, function.Route), served);
        }
    }
}
