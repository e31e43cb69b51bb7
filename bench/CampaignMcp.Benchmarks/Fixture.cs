using System.Text.Json;
using CampaignMcp.Campaigns;
using CampaignMcp.Mcp.Tools;
using CampaignMcp.Tokens;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Benchmarks;

/// <summary>The files the peers read, made from the same service graph as the benchmarks (see Program.cs).</summary>
public static class Fixture
{
    public static async Task WriteAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        using var services = BenchmarkServices.Build();
        var settings = services.GetRequiredService<TokenSettings>();
        await File.WriteAllTextAsync(Path.Combine(directory, "token.json"), JsonSerializer.Serialize(new
        {
            token = BenchmarkServices.Token(services),
            secret = BenchmarkServices.Secret,
            issuer = settings.Issuer,
            audience = settings.Audience,
        }));

        var store = services.GetRequiredService<ICampaignStore>();
        var all = await store.QueryAsync(CampaignFilter.All, CampaignSort.UpdatedAtDescending, null, int.MaxValue, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(directory, "campaigns.json"), JsonSerializer.Serialize(all.Items, McpToolJsonContext.Default.IReadOnlyListCampaign));
        await File.WriteAllTextAsync(Path.Combine(directory, "cursor-fingerprint.txt"), CampaignCursor.Fingerprint(CampaignFilter.All, CampaignSort.UpdatedAtDescending));
        await File.WriteAllTextAsync(Path.Combine(directory, "cursor-snapshot.txt"), InMemoryCampaignStore.EmbeddedSnapshot);

        var tools = new ListToolsResult { Tools = [.. services.GetRequiredService<ToolCatalog>().All.Select(tool => tool.Definition)] };
        await File.WriteAllTextAsync(Path.Combine(directory, "tools.json"), JsonSerializer.Serialize(tools, McpJsonUtilities.DefaultOptions));
    }
}
