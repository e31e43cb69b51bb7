namespace CampaignMcp.Tokens;

/// <summary>
/// The person behind an audited event, as every audit line writes it beside the app: the signed-in user's name and
/// stable id, or who else stands behind a token that names no user.
/// </summary>
public static class AuditedUser
{
    /// <summary>No identity was established: no token, or one that is not ours.</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// A token minted with <c>API_KEY</c>: the JSON token endpoint, the sign-in page's API-key form, or the
    /// client-credentials grant (which takes the key as its client secret).
    /// </summary>
    public const string ApiKeyHolder = "the API-key holder";

    public static string Of(McpPrincipal? principal) =>
        principal is null ? Unknown
        : ReferenceEquals(principal, McpPrincipal.Anonymous) ? "anonymous (authorization off)"
        : Of(principal.User, principal.UserName);

    public static string Of(string? subject, string? name) => subject is null ? ApiKeyHolder : LogSafeText.Escape($"{name ?? subject} ({subject})");
}
