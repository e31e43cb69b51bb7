using System.Text;

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

        Assert.True(cycles.Count == 0, Describe(cycles));
    }

    [Fact]
    public void The_graph_reader_finds_the_uses_it_must_see()
    {
        // Guards the test above against a reader that sees nothing (and so no cycle).
        Assert.Contains("CampaignMcp.Campaigns", Shared.Namespaces);
        Assert.NotEmpty(Shared.UsesOf("CampaignMcp.Mcp.Tools"));
        Assert.Contains("CampaignMcp.Campaigns", Shared.UsesOf("CampaignMcp.Mcp.Tools"));
    }

    private static string Describe(IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        var text = new StringBuilder();
        foreach (var cycle in cycles)
        {
            text.AppendLine($"These namespaces depend on each other: {string.Join(", ", cycle)}");
            foreach (var ns in cycle)
            {
                text.AppendLine($"  {ns} -> {string.Join(", ", Shared.UsesOf(ns).Where(cycle.Contains))}");
            }
        }

        return text.ToString();
    }
}
