namespace CampaignMcp.SignIn;

/// <summary>
/// What the provider's return leads to: back to the authorization endpoint with the ticket (<see cref="Resume"/>),
/// or a page that says what went wrong (<see cref="StatusCode"/>, <see cref="Title"/>, <see cref="Message"/>).
/// </summary>
/// <param name="ReturnPath">The page to go back to with <see cref="Resume"/>; null for the authorization endpoint.</param>
public sealed record CallbackOutcome(IReadOnlyDictionary<string, string>? Resume, int StatusCode, string Title, string Message, string? ReturnPath = null)
{
    public static CallbackOutcome Continue(IReadOnlyDictionary<string, string> resume, string? returnPath) => new(resume, 302, "", "", returnPath);

    public static CallbackOutcome Page(int statusCode, string title, string message) => new(null, statusCode, title, message);
}
