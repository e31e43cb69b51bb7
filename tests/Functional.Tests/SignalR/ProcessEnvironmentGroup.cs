namespace CampaignMcp.Functional.Tests.SignalR;

/// <summary>The tests that set process-wide environment variables run alone, never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentGroup
{
    public const string Name = "process environment";
}
