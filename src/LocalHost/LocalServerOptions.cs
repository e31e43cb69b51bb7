namespace CampaignMcp.LocalHost;

public sealed class LocalServerOptions
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Listening URL; defaults to <c>--urls</c>, then <see cref="DefaultUrl"/> (Core Tools' port).</summary>
    public string? Url { get; init; }

    /// <summary>When false, settings come only from <see cref="Settings"/>: tests use this to be independent of the machine.</summary>
    public bool ReadMachineSettings { get; init; } = true;

    /// <summary>Settings with the highest priority.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public bool PrintBanner { get; init; } = true;
}
