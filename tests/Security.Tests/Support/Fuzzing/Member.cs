namespace CampaignMcp.Security.Tests.Support.Fuzzing;

/// <summary>One member of a JSON object being edited: its name, its value as JSON text, and the name's spelling when it is not plain.</summary>
public sealed record Member(string Name, string Value, string? Spelled = null);
