namespace CampaignMcp.Tokens;

/// <summary>The scopes a token can carry. <see cref="ScopeSet"/> is their allocation-free form on the hot path.</summary>
public static class Scopes
{
    public const string CampaignsRead = "campaigns:read";
    public const string CampaignsExport = "campaigns:export";
    public const string ToolsCall = "tools:call";

    /// <summary>
    /// Operator rights over sessions (list and revoke anyone's). Not a scope of the MCP resource: it is never advertised
    /// to MCP clients (protected-resource metadata, challenges), only granted when asked for by the API-key holder or a
    /// user whose app role maps to it in <c>MCP_OIDC_ROLE_SCOPES</c>.
    /// </summary>
    public const string SessionsAdmin = "sessions:admin";

    /// <summary>The MCP resource's scopes, in a stable order: what MCP clients are told to ask for.</summary>
    public static readonly IReadOnlyList<string> All = [CampaignsRead, CampaignsExport, ToolsCall];

    /// <summary>Every scope the authorization server issues: the MCP resource's, then <see cref="SessionsAdmin"/>.</summary>
    public static readonly IReadOnlyList<string> Known = [CampaignsRead, CampaignsExport, ToolsCall, SessionsAdmin];

    /// <summary>Granted when a token request names no scope: read and call, but not bulk export.</summary>
    public static readonly IReadOnlyList<string> Default = [CampaignsRead, ToolsCall];

    public static ScopeSet ToFlag(ReadOnlySpan<char> scope) => scope switch
    {
        CampaignsRead => ScopeSet.CampaignsRead,
        CampaignsExport => ScopeSet.CampaignsExport,
        ToolsCall => ScopeSet.ToolsCall,
        SessionsAdmin => ScopeSet.SessionsAdmin,
        _ => ScopeSet.None,
    };

    public static bool IsKnown(string scope) => ToFlag(scope) != ScopeSet.None;

    /// <summary>Scopes from a space-delimited <c>scope</c> claim (RFC 9068 §2.2.3); unknown ones are ignored.</summary>
    public static ScopeSet Parse(ReadOnlySpan<char> spaceDelimited)
    {
        var set = ScopeSet.None;
        foreach (var range in spaceDelimited.Split(' '))
        {
            set |= ToFlag(spaceDelimited[range]);
        }

        return set;
    }

    /// <summary>The same, from the claim's UTF-8 text as it stands in a token (unescaped); no allocation for a usual claim.</summary>
    public static ScopeSet Parse(ReadOnlySpan<byte> spaceDelimited)
    {
        const int StackChars = 256;
        if (spaceDelimited.Length > StackChars)
        {
            return Parse(System.Text.Encoding.UTF8.GetString(spaceDelimited));
        }

        Span<char> text = stackalloc char[StackChars];
        return Parse(text[..System.Text.Encoding.UTF8.GetChars(spaceDelimited, text)]);
    }

    public static IReadOnlyList<string> Names(ScopeSet set) => Known.Where(scope => set.HasFlag(ToFlag(scope))).ToArray();
}
