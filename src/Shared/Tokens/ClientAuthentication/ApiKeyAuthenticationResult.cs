namespace CampaignMcp.Tokens.ClientAuthentication;

public enum ApiKeyAuthenticationResult
{
    /// <summary>The right key: always accepted, whatever others did from the same address or in this client's name.</summary>
    Accepted,

    /// <summary>No key at all: not counted (nothing was guessed).</summary>
    Missing,

    /// <summary>A wrong key, counted against the address and the client id named.</summary>
    Invalid,

    /// <summary>A wrong key after the address or the client id reached the limit: 429 with Retry-After (and still counted).</summary>
    LockedOut,
}
