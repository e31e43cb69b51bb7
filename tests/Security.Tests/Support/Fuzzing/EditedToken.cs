namespace CampaignMcp.Security.Tests.Support.Fuzzing;

/// <summary>A token signed with the server's key over edited JSON, the edits made, and which of the test clocks reads it.</summary>
public sealed record EditedToken(string Token, string Header, string Payload, string Edits, int Clock)
{
    public override string ToString() => $"{Edits} (clock {Clock}): header {Header} payload {Payload}";
}
