namespace CampaignMcp.SignIn;

/// <summary>
/// What the provider's return leads to: back to the authorization endpoint with the ticket (<see cref="Resume"/>),
/// or a page that says what went wrong (<see cref="StatusCode"/>, <see cref="Title"/>, <see cref="Message"/>).
/// </summary>
public sealed record CallbackOutcome(IReadOnlyDictionary<string, string>? Resume, int StatusCode, string Title, string Message)
{
    public static CallbackOutcome Continue(IReadOnlyDictionary<string, string> resume) => new(resume, 302, "", "");

    public static CallbackOutcome Page(int statusCode, string title, string message) => new(null, statusCode, title, message);
}
