using CampaignMcp.Tokens;
using ModelContextProtocol.Protocol;

namespace CampaignMcp.Mcp.Tools;

/// <summary>The tools, by name; the single place that says which scope each one needs.</summary>
public sealed class ToolCatalog(IEnumerable<ICampaignTool> tools)
{
    private readonly Dictionary<string, ICampaignTool> byName = tools.ToDictionary(tool => tool.Definition.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<ICampaignTool> All => byName.Values;

    /// <summary>What <c>tools/list</c> shows a caller: the tools its scopes allow it to call.</summary>
    public List<Tool> CallableWith(ScopeSet granted) =>
        [.. byName.Values.Where(tool => (granted & ScopesToCall(tool.Definition.Name)) == ScopesToCall(tool.Definition.Name)).Select(tool => tool.Definition)];

    public ICampaignTool? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>What calling <paramref name="name"/> needs: <c>tools:call</c> plus the tool's own scope (if it exists).</summary>
    public ScopeSet ScopesToCall(string? name) =>
        ScopeSet.ToolsCall | (name is not null && byName.TryGetValue(name, out var tool) ? tool.RequiredScope : ScopeSet.None);
}
