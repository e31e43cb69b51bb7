namespace CampaignMcp.Tokens;

/// <summary>The scopes a token can carry. <see cref="ScopeSet"/> is their allocation-free form on the hot path.</summary>
public static class Scopes
{
    public const string CampaignsRead = "campaigns:read";
    public const string CampaignsExport = "campaigns:export";
    public const string ToolsCall = "tools:call";

    /// <summary>Every scope the server knows, in a stable order.</summary>
    public static readonly IReadOnlyList<string> All = [CampaignsRead, CampaignsExport, ToolsCall];

    /// <summary>Granted when a token request names no scope: read and call, but not bulk export.</summary>
    public static readonly IReadOnlyList<string> Default = [CampaignsRead, ToolsCall];

    public static ScopeSet ToFlag(string scope) => scope switch
    {
        CampaignsRead => ScopeSet.CampaignsRead,
        CampaignsExport => ScopeSet.CampaignsExport,
        ToolsCall => ScopeSet.ToolsCall,
        _ => ScopeSet.None,
    };

    public static bool IsKnown(string scope) => ToFlag(scope) != ScopeSet.None;

    /// <summary>Scopes from a space-delimited <c>scope</c> claim (RFC 9068 §2.2.3); unknown ones are ignored.</summary>
    public static ScopeSet Parse(ReadOnlySpan<char> spaceDelimited)
    {
        var set = ScopeSet.None;
        foreach (var range in spaceDelimited.Split(' '))
        {
            set |= spaceDelimited[range] switch
            {
                CampaignsRead => ScopeSet.CampaignsRead,
                CampaignsExport => ScopeSet.CampaignsExport,
                ToolsCall => ScopeSet.ToolsCall,
                _ => ScopeSet.None,
            };
        }

        return set;
    }

    /// <summary>The same, from the claim's UTF-8 text as it stands in a token (unescaped).</summary>
    public static ScopeSet Parse(ReadOnlySpan<byte> spaceDelimited)
    {
        var set = ScopeSet.None;
        foreach (var range in spaceDelimited.Split((byte)' '))
        {
            var scope = spaceDelimited[range];
            set |= scope.SequenceEqual("campaigns:read"u8) ? ScopeSet.CampaignsRead
                : scope.SequenceEqual("campaigns:export"u8) ? ScopeSet.CampaignsExport
                : scope.SequenceEqual("tools:call"u8) ? ScopeSet.ToolsCall
                : ScopeSet.None;
        }

        return set;
    }

    public static IReadOnlyList<string> Names(ScopeSet set) => All.Where(scope => set.HasFlag(ToFlag(scope))).ToArray();
}
