using CampaignMcp.Configuration;
using CampaignMcp.Hosting;

namespace CampaignMcp.TestSupport;

/// <summary>Reads settings as they arrive from the environment: variable names and raw text.</summary>
public static class TestSettings
{
    public static CampaignMcpSettings Read(params (string Name, string? Value)[] values) =>
        CampaignMcpSettings.Read(SettingsReader.FromValues(values.Select(value => KeyValuePair.Create(value.Name, value.Value))));
}
