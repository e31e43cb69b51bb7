namespace CampaignMcp.Tokens.Api;

public sealed record RevokeResponseData(string Message);
