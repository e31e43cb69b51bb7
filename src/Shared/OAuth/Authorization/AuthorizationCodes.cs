namespace CampaignMcp.OAuth.Authorization;

public static class AuthorizationCodes
{
    /// <summary>The store's key for a code: its SHA-256, so the store never holds a usable code.</summary>
    public static string Hash(string code) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code)));
}
