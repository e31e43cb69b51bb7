namespace CampaignMcp.SignIn;

/// <summary>The provider could not be reached or answered with something unusable: a page says so, never a 500.</summary>
public sealed class IdentityProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
