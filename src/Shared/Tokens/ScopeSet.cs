namespace CampaignMcp.Tokens;

/// <summary>Scopes as flags: the allocation-free form the hot path checks.</summary>
[Flags]
public enum ScopeSet
{
    None = 0,
    CampaignsRead = 1,
    CampaignsExport = 2,
    ToolsCall = 4,
    All = CampaignsRead | CampaignsExport | ToolsCall,
}
