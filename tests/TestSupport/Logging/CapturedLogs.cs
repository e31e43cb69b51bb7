using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.TestSupport;

/// <summary>
/// Every log line the host writes, with its scopes and exception, for assertions that secrets never reach
/// the logs; each line also goes to <see cref="LogScanFiles"/> for the scan test.sh runs after the suite.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lines.Enqueue(line);
        LogScanFiles.Append("host", line);
    }

    private static void AppendScope(object? scope, StringBuilder text)
    {
        text.Append(" => ");
        if (scope is IEnumerable<KeyValuePair<string, object?>> properties)
        {
            // Structured scopes print their values, not just a type name.
            text.AppendJoin(' ', properties.Select(property => $"{property.Key}={property.Value}"));
        }
        else
        {
            text.Append(scope);
        }
    }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}");
            owner.scopes.ForEachScope(AppendScope, text);
            if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                // The structured values too: a template may leave some out of the message.
                text.Append(" {").AppendJoin(", ", properties.Select(property => $"{property.Key}={property.Value}")).Append('}');
            }

            owner.Add(text.ToString());
        }
    }
}
