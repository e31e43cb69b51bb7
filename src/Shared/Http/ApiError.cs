namespace CampaignMcp.Http;

/// <summary>The <c>error</c> member of <see cref="ApiFailure"/>: one of <see cref="ApiErrorCodes"/> and a message for people.</summary>
public sealed record ApiError(string Code, string Message);
