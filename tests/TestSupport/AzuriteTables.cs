
namespace CampaignMcp.TestSupport;

/// <summary>
/// Azurite's Table service for tests. <c>./test.sh</c> starts one and exports its connection string in
/// <see cref="EnvironmentVariable"/>; a run from an IDE without it starts one from tests/node/node_modules
/// for this test process (and stops it on exit). Tests isolate themselves with a table prefix of their own.
/// </summary>
public static class AzuriteTables
{
    public const string EnvironmentVariable = "CAMPAIGN_MCP_TEST_AZURITE_TABLES";

    /// <summary>Azurite's well-known development account (public, documented: not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static string? shared;

    /// <summary>The connection string of the Azurite every test in this process shares.</summary>
    public static async Task<string> ConnectionStringAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromScript)
        {
            return fromScript;
        }

        await Starting.WaitAsync();
        try
        {
            if (shared is null)
            {
                var process = await AzuriteProcess.StartAsync(RunningHost.FreePort(), dataDirectory: null);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => process.Dispose();
                shared = process.ConnectionString;
            }

            return shared;
        }
        finally
        {
            Starting.Release();
        }
    }

    public static string ConnectionString(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/{AccountName};";

    /// <summary>A prefix no other test uses: letters and digits, as table names need.</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
