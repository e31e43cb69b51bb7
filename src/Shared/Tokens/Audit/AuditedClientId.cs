using CampaignMcp.Tokens.ApiKeys;

namespace CampaignMcp.Tokens.Audit;

/// <summary>
/// What the audit log may say of a client id the caller chose. Control, format and bidi characters are written
/// as <c>\uXXXX</c> escapes, so that a client id cannot forge a log line or reorder one. A value that is the
/// API key (a client that swapped its fields) or is as long as a credential and not a known client id is never
/// written: only its length is, so that the log cannot leak a key whatever field it was sent in.
/// </summary>
public sealed class AuditedClientId(TokenSettings settings, ApiKeyVerifier apiKeys)
{
    /// <summary>The shortest key production accepts; anything shorter cannot be one.</summary>
    private const int CredentialLength = 16;
    private const int MaximumWritten = 128;

    public string? Of(string? clientId)
    {
        if (clientId is null)
        {
            return null;
        }

        if (apiKeys.Matches(clientId))
        {
            return $"(withheld: {clientId.Length} characters)";
        }

        if (clientId.Length >= CredentialLength && !IsKnown(clientId))
        {
            return $"(unlisted, {clientId.Length} characters)";
        }

        return LogSafeText.Escape(clientId.Length > MaximumWritten ? clientId[..MaximumWritten] + "…" : clientId);
    }

    /// <summary>An allowed client, a registered OAuth client (<c>dcr_…</c>) or a metadata-document URL.</summary>
    private bool IsKnown(string clientId) =>
        settings.AllowedClients.Contains(clientId)
        || clientId.StartsWith("https://", StringComparison.Ordinal)
        || clientId.StartsWith("dcr_", StringComparison.Ordinal);
}
