using CampaignMcp.Storage;
using CampaignMcp.Tables;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignMcp.TestSupport;

/// <summary>Table Storage clients on the tests' Azurite, each set of tables behind a prefix of its own.</summary>
public static class TestTableStorage
{
    /// <summary>A client for <paramref name="prefix"/>'s tables; two calls with one prefix are two instances of the app.</summary>
    public static async Task<TableStorage> CreateAsync(string prefix, string? connectionString = null)
    {
        var connection = TableConnection.Parse("test", connectionString ?? await AzuriteTables.ConnectionStringAsync(), null, null, null, null, out var error)
            ?? throw new InvalidOperationException(error?.Message);
        return new TableStorage(connection, prefix, NullLogger<TableStorage>.Instance);
    }

    /// <summary><paramref name="count"/> stores over one fresh set of tables, each with its own client, as app instances have.</summary>
    public static async Task<T[]> InstancesAsync<T>(int count, Func<TableStorage, T> create)
    {
        var prefix = AzuriteTables.UniquePrefix();
        var instances = new T[count];
        for (var i = 0; i < count; i++)
        {
            instances[i] = create(await CreateAsync(prefix));
        }

        return instances;
    }
}
