namespace CampaignMcp.Tokens;

/// <summary>Scopes as flags: the allocation-free form the hot path checks.</summary>
[Flags]
public enum ScopeSet
{
    None = 0,
    CampaignsRead = 1,
    CampaignsExport = 2,
    ToolsCall = 4,

    /// <summary>The MCP resource's scopes; <see cref="SessionsAdmin"/> is not one of them.</summary>
    All = CampaignsRead | CampaignsExport | ToolsCall,
    SessionsAdmin = 8,
}
