using System.Reflection;

namespace CampaignMcp.Configuration;

/// <summary>Facts about this process: version and start time, for health and logs.</summary>
public sealed class AppInfo(TimeProvider time)
{
    public string Version { get; } = typeof(AppInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public long UptimeSeconds => (long)(time.GetUtcNow() - StartedAt).TotalSeconds;
}
