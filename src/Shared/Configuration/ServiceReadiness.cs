namespace CampaignMcp.Configuration;

/// <summary>Every settings area's issues and warnings in one place: the gate of every protected surface, health and the start-up report.</summary>
public sealed class ServiceReadiness(IEnumerable<ISettingsArea> areas)
{
    public IReadOnlyList<ConfigurationIssue> Issues { get; } = areas.SelectMany(area => area.Issues).ToArray();

    public IReadOnlyList<string> Warnings { get; } = areas.SelectMany(area => area.Warnings).ToArray();

    public bool IsServiceable => Issues.Count == 0;

    /// <summary>What the log says: setting names and problems, never values.</summary>
    public string Describe() => string.Join("; ", Issues);

    /// <summary>What a refused caller is told (503 on REST, -32001 on MCP).</summary>
    public string RefusalMessage => $"The server is misconfigured: {Describe()}";
}
