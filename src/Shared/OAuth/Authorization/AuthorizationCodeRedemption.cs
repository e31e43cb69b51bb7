namespace CampaignMcp.OAuth.Authorization;

/// <summary>
/// The outcome of presenting a code: the first presentation redeems it; a later one finds it already redeemed
/// and learns the refresh family the first one started, so that it can be revoked (RFC 6749 §4.1.2).
/// </summary>
public sealed record AuthorizationCodeRedemption(AuthorizationCode Code, bool AlreadyRedeemed, string? IssuedFamilyId);
