using CampaignMcp.Tokens;

namespace CampaignMcp.Security.Tests.Support.Fuzzing;

/// <summary>One candidate bearer token, how it was made, and the outcomes a correct validator may give it (<see cref="TokenFailure.None"/>: valid).</summary>
public sealed record TokenCase(string Token, string Mutation, IReadOnlySet<TokenFailure> Allowed)
{
    public override string ToString() => $"{Mutation}: {FuzzRun.Describe(Token)}";
}
