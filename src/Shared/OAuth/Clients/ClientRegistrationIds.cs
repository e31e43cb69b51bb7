using System.Buffers.Text;
using System.Security.Cryptography;

namespace CampaignMcp.OAuth.Clients;

/// <summary>Client ids issued at registration: <c>dcr_</c> and 128 random bits in base64url (RFC 7591 §3.2.1: unique, and here unguessable).</summary>
public static class ClientRegistrationIds
{
    public const string Prefix = "dcr_";
    private const int RandomBytes = 16;
    private const int EncodedLength = 22;

    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    public static bool IsWellFormed(string clientId) =>
        clientId.Length == Prefix.Length + EncodedLength
        && clientId.StartsWith(Prefix, StringComparison.Ordinal)
        && !clientId.AsSpan(Prefix.Length).ContainsAnyExcept(Base64UrlAlphabet);

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
