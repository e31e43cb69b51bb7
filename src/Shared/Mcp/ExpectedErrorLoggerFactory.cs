using Microsoft.Extensions.Logging;

namespace CampaignMcp.Mcp;

/// <summary>
/// The logger factory handed to the SDK's per-call servers. The SDK logs every failed handler at error level with
/// its stack trace, including the answers a caller provokes on purpose (unknown tool, resource not found, bad
/// params, storage -32010): any token holder could fill the error log. Those become one line without a stack trace
/// (see <see cref="ExpectedErrorLogger"/>); real failures pass through untouched.
/// </summary>
public sealed class ExpectedErrorLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new ExpectedErrorLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>The inner factory belongs to the host.</summary>
    public void Dispose()
    {
    }
}
