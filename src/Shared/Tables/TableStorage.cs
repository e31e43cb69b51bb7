using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using CampaignMcp.Storage;
using Microsoft.Extensions.Logging;

namespace CampaignMcp.Tables;

/// <summary>
/// The app's tables on one Table service: creates them once (and again if one disappears), and turns every
/// failure that means "the service is not answering" into <see cref="StorageUnavailableException"/>, whose
/// message names the endpoint host only.
/// </summary>
public sealed class TableStorage : IStorageProbe, IDisposable
{
    private readonly TableServiceClient service;
    private readonly ILogger logger;
    private readonly SemaphoreSlim creating = new(1, 1);
    private volatile bool created;

    public TableStorage(TableConnection connection, string prefix, ILogger<TableStorage> logger, TableClientOptions? options = null)
    {
        this.logger = logger;
        service = connection.CreateServiceClient(options ?? ClientOptions());
        EndpointHost = connection.EndpointHost;
        Names = new TableNames(prefix);
        Campaigns = service.GetTableClient(Names.Campaigns);
        RefreshFamilies = service.GetTableClient(Names.RefreshFamilies);
        RevokedTokens = service.GetTableClient(Names.RevokedTokens);
        FailedAttempts = service.GetTableClient(Names.FailedAttempts);
        OAuthClients = service.GetTableClient(Names.OAuthClients);
        AuthorizationCodes = service.GetTableClient(Names.AuthorizationCodes);
        CampaignIndex = service.GetTableClient(Names.CampaignIndex);
    }

    public string EndpointHost { get; }

    public TableNames Names { get; }

    public TableClient Campaigns { get; }
    public TableClient RefreshFamilies { get; }
    public TableClient RevokedTokens { get; }
    public TableClient FailedAttempts { get; }
    public TableClient OAuthClients { get; }
    public TableClient AuthorizationCodes { get; }
    public TableClient CampaignIndex { get; }

    /// <summary>
    /// Few, quick retries and a short network timeout: a dead account fails a call within about ten seconds
    /// instead of the SDK's default minutes; callers get 503 / a JSON-RPC error and retry themselves
    /// (https://learn.microsoft.com/dotnet/azure/sdk/retries).
    /// </summary>
    public static TableClientOptions ClientOptions(TimeSpan? networkTimeout = null)
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(3);
        options.Diagnostics.IsLoggingContentEnabled = false;
        return options;
    }

    /// <summary>Creates the tables that are missing; once per process unless one disappears.</summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        if (created)
        {
            return;
        }

        await creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (created)
            {
                return;
            }

            foreach (var name in Names.All)
            {
                var response = await Guard(() => service.CreateTableIfNotExistsAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (response.GetRawResponse().Status == 204 || response.GetRawResponse().Status == 201)
                {
                    StorageLog.TableCreated(logger, name, EndpointHost);
                }
            }

            created = true;
        }
        finally
        {
            creating.Release();
        }
    }

    /// <summary>Runs one operation: tables ensured, a missing table recreated and the operation retried once, faults mapped.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Guard(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (IsTableMissing(exception))
        {
            await RecreateAsync(cancellationToken).ConfigureAwait(false);
            return await Guard(operation, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task RunAsync(Func<Task> operation, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await operation().ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Every entity a query returns, page by page, with the same fault mapping. A missing table is empty.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(TableClient table, string? filter, IEnumerable<string>? select, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var pages = table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select, cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                Page<TableEntity> page;
                try
                {
                    if (!await Guard(async () => await pages.MoveNextAsync().ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
                    {
                        yield break;
                    }

                    page = pages.Current;
                }
                catch (RequestFailedException exception) when (IsTableMissing(exception))
                {
                    await RecreateAsync(cancellationToken).ConfigureAwait(false);
                    yield break;
                }

                foreach (var entity in page.Values)
                {
                    yield return entity;
                }
            }
        }
    }

    /// <summary>Answers whether the service responds at all: a point read of a row that does not exist.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Guard(() => Campaigns.GetEntityIfExistsAsync<TableEntity>("probe", "probe", ["PartitionKey"], cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (IsTableMissing(exception))
        {
            // The service answered; the table is created on first use.
        }
    }

    public void Dispose() => creating.Dispose();

    public static bool IsTableMissing(RequestFailedException exception) =>
        exception.Status == 404 && string.Equals(exception.ErrorCode, "TableNotFound", StringComparison.Ordinal);

    private async Task RecreateAsync(CancellationToken cancellationToken)
    {
        StorageLog.TableMissing(logger, string.Join(", ", Names.All), EndpointHost);
        created = false;
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Maps "not answering" to <see cref="StorageUnavailableException"/>; other failures are bugs or conflicts and pass through.</summary>
    private async Task<T> Guard<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception exception) when (UnavailableReason(exception, cancellationToken) is { } reason)
        {
            StorageLog.Unavailable(logger, EndpointHost, reason);
            throw new StorageUnavailableException($"Table Storage at {EndpointHost} is unavailable ({reason})", exception);
        }
    }

    /// <summary>
    /// Why the service did not answer, or null when it did (or the caller cancelled). No response, 5xx, request
    /// timeout and throttling are the service's state, not the request's; 401/403 mean the app's identity lacks
    /// its role, which the operator fixes and the caller can only wait for. When retries run out on transport
    /// errors, Azure.Core throws an <see cref="AggregateException"/> of them.
    /// </summary>
    private static string? UnavailableReason(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException { Status: 0 } => "no response",
        RequestFailedException { Status: 401 or 403 or 408 or 429 or >= 500 } failed => $"HTTP {failed.Status} {failed.ErrorCode}".TrimEnd(),
        // The SDK's network timeout surfaces as a cancellation the caller did not ask for.
        OperationCanceledException when !cancellationToken.IsCancellationRequested => "timed out",
        AuthenticationFailedException => "the identity could not get a token",
        HttpRequestException => "no response",
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 => UnavailableReason(aggregate.InnerExceptions[^1], cancellationToken),
        _ => null,
    };
}
