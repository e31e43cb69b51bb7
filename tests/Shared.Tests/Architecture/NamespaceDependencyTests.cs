using System.Text;
using System.Text.RegularExpressions;

namespace CampaignMcp.Tests.Architecture;

/// <summary>
/// Shared's namespaces form a one-way graph: features depend downward on smaller ones, never back.
/// A cycle means two features can no longer be understood, tested or moved apart.
/// </summary>
public sealed class NamespaceDependencyTests
{
    private static readonly NamespaceGraph Shared = NamespaceGraph.Read(typeof(CampaignMcp.Campaigns.Campaign).Assembly.Location, "CampaignMcp");

    [Fact]
    public void Shared_namespaces_have_no_dependency_cycle()
    {
        var cycles = Shared.Cycles();

        Assert.True(cycles.Count == 0, Describe(Shared, cycles));
    }

    [Fact]
    public void Shared_top_level_folders_have_no_dependency_cycle()
    {
        var cycles = Shared.TopLevel().Cycles();

        Assert.True(cycles.Count == 0, Describe(Shared.TopLevel(), cycles));
    }

    [Fact]
    public void The_layout_in_the_development_guide_names_every_top_level_folder_once()
    {
        var documented = DocumentedLayers();
        var compiled = Shared.TopLevel().Namespaces.Select(ns => ns["CampaignMcp.".Length..]).ToList();

        Assert.Equal(documented.Count, documented.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(compiled.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_top_level_folder_uses_only_folders_below_it_in_the_development_guide()
    {
        var layers = DocumentedLayers();
        var topLevel = Shared.TopLevel();
        var upward = new List<string>();
        foreach (var (folder, rank) in layers.Select((folder, rank) => (folder, rank)))
        {
            foreach (var used in topLevel.UsesOf("CampaignMcp." + folder).Select(ns => ns["CampaignMcp.".Length..]))
            {
                var usedRank = layers.IndexOf(used);
                if (usedRank <= rank)
                {
                    upward.Add($"{folder} uses {used}, which docs/development.md lists above it");
                }
            }
        }

        Assert.True(upward.Count == 0, string.Join(Environment.NewLine, upward));
    }

    [Fact]
    public void The_graph_reader_finds_the_uses_it_must_see()
    {
        // Guards the test above against a reader that sees nothing (and so no cycle).
        Assert.Contains("CampaignMcp.Campaigns", Shared.Namespaces);
        Assert.NotEmpty(Shared.UsesOf("CampaignMcp.Mcp.Tools"));
        Assert.Contains("CampaignMcp.Campaigns", Shared.UsesOf("CampaignMcp.Mcp.Tools"));
        Assert.Contains("CampaignMcp.Tokens", Shared.TopLevel().UsesOf("CampaignMcp.OAuth"));
        Assert.DoesNotContain("CampaignMcp.OAuth.Authorization", Shared.TopLevel().Namespaces);
    }

    /// <summary>The folders under <c>src/Shared</c> in the order the development guide's layout lists them, top first.</summary>
    private static List<string> DocumentedLayers()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Serverless.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Serverless.sln not found above the test output");
        }

        var guide = File.ReadAllText(Path.Combine(root.FullName, "docs", "development.md"));
        var layout = Regex.Match(guide, @"```\nsrc/Shared\n(?<folders>.*?)\nsrc/Functions", RegexOptions.Singleline);
        Assert.True(layout.Success, "docs/development.md has no layout block that starts with src/Shared");
        return Regex.Matches(layout.Groups["folders"].Value, @"^  (?<folder>[A-Za-z]+)/", RegexOptions.Multiline)
            .Select(match => match.Groups["folder"].Value)
            .ToList();
    }

    private static string Describe(NamespaceGraph graph, IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        var text = new StringBuilder();
        foreach (var cycle in cycles)
        {
            text.AppendLine($"These namespaces depend on each other: {string.Join(", ", cycle)}");
            foreach (var ns in cycle)
            {
                text.AppendLine($"  {ns} -> {string.Join(", ", graph.UsesOf(ns).Where(cycle.Contains))}");
            }
        }

        return text.ToString();
    }
}
