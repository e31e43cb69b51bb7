namespace CampaignMcp.OAuth.Clients;

/// <summary>Why client metadata was refused: an RFC 7591 §3.2.2 code and a sentence for a person.</summary>
public sealed record ClientMetadataProblem(string Code, string Message);
