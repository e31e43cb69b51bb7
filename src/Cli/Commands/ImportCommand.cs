using System.Diagnostics;
using System.Globalization;
using CampaignMcp.Campaigns;
using CampaignMcp.Cli.Import;
using CampaignMcp.Configuration;
using CampaignMcp.Storage;
using CampaignMcp.Storage.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignMcp.Cli.Commands;

/// <summary>
/// <c>campaign-mcp import</c>: loads campaigns into the Table Storage campaign table. Every row is validated
/// before anything is written; rows are upserted by id (a re-run updates, never duplicates), 100 per
/// entity-group transaction. The connection comes from the same settings as the app, or --connection.
/// </summary>
public static class ImportCommand
{
    public const string Usage = """
        campaign-mcp import <file.csv|file.json> [--connection <connection-string>] [--table-prefix <prefix>] [--skip-invalid]
        campaign-mcp import --sample [--connection ...] [--table-prefix ...]

          Loads campaigns into Table Storage, the store the app uses with MCP_STORE=table. The file is what
          export_campaigns writes (CSV with its header, or a JSON array). Every row is checked first; with any
          invalid row nothing is loaded, unless --skip-invalid. Rows are upserted by id, so re-running is safe.
            --sample             load the app's 600 sample campaigns instead of a file
            --connection         a storage connection string; default: MCP_STORAGE_CONNECTION (or its
                                 __tableServiceUri / __accountName identity form), else AzureWebJobsStorage
            --table-prefix       table name prefix; default: MCP_STORAGE_TABLE_PREFIX, else 'mcp'
            --skip-invalid       load the valid rows and report the others
        """;

    private const int MaximumReportedErrors = 50;
    private const int Parallelism = 8;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, IConfiguration environment, CancellationToken cancellationToken)
    {
        string? file = null, connection = null, prefix = null;
        bool skipInvalid = false, sample = false;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--connection" when value is not null:
                    connection = value;
                    i++;
                    break;
                case "--table-prefix" when value is not null:
                    prefix = value;
                    i++;
                    break;
                case "--skip-invalid":
                    skipInvalid = true;
                    break;
                case "--sample":
                    sample = true;
                    break;
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return ExitCodes.Success;
                case var argument when !argument.StartsWith("--", StringComparison.Ordinal) && file is null:
                    file = argument;
                    break;
                default:
                    error.WriteLine($"import: unexpected argument '{args[i]}'{(value is null && args[i] is "--connection" or "--table-prefix" ? " (it needs a value)" : "")}. Usage:");
                    error.WriteLine(Usage);
                    return ExitCodes.Usage;
            }
        }

        if (file is null == !sample)
        {
            error.WriteLine(sample ? "import: give either a file or --sample, not both." : "import: which file? Usage:");
            error.WriteLine(Usage);
            return ExitCodes.Usage;
        }

        List<Campaign> campaigns;
        var skipped = 0;
        if (file is not null)
        {
            var read = ReadFile(file, skipInvalid, error, out campaigns, out skipped);
            if (read != ExitCodes.Success)
            {
                return read;
            }
        }
        else
        {
            campaigns = [.. SampleCampaigns.Generate()];
        }

        var overrides = new Dictionary<string, string?> { [SettingNames.Store] = StorageSettings.Table };
        if (connection is not null)
        {
            overrides[SettingNames.StorageConnection] = connection;
        }

        if (prefix is not null)
        {
            overrides[SettingNames.StorageTablePrefix] = prefix;
        }

        var source = StorageSettingsSource.Read(new ConfigurationBuilder().AddConfiguration(environment).AddInMemoryCollection(overrides).Build());
        var problems = StorageSettings.FindStartupErrors(source);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"import: {(connection is not null && problem.Setting == SettingNames.StorageConnection ? "--connection " + problem.Problem : problem.Message)}");
            }

            return ExitCodes.StorageMisconfigured;
        }

        var settings = StorageSettings.Resolve(source);
        // Batches of 100 rows take longer than the app's point reads: a longer network timeout, same retries.
        using var storage = new TableStorage(settings.Connection!, settings.TablePrefix, NullLogger<TableStorage>.Instance, TableStorage.ClientOptions(TimeSpan.FromSeconds(30)));
        var progress = new ImportProgress(error, campaigns.Count);
        var clock = Stopwatch.StartNew();
        try
        {
            var written = await new TableCampaignWriter(storage).UpsertAsync(campaigns, progress.Report, Parallelism, cancellationToken).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Imported {written} campaigns into table {storage.Names.Campaigns} at {storage.EndpointHost} in {clock.Elapsed.TotalSeconds:0.0} s{(skipped > 0 ? $"; skipped {skipped} invalid rows" : "")}."));
            return ExitCodes.Success;
        }
        catch (StorageUnavailableException exception)
        {
            error.WriteLine($"import: {exception.Message}. Some rows may have been written; re-run the same command once storage answers (rows are upserted by id, never duplicated).");
            return ExitCodes.StorageUnavailable;
        }
    }

    private static int ReadFile(string file, bool skipInvalid, TextWriter error, out List<Campaign> campaigns, out int skipped)
    {
        campaigns = [];
        skipped = 0;
        var name = Path.GetFileName(file);
        if (!CampaignFileReader.Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
        {
            error.WriteLine($"import: {name}: the file must end in .csv or .json (the formats export_campaigns writes).");
            return ExitCodes.Usage;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(file);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"import: {file}: no such file.");
            return ExitCodes.InvalidInput;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"import: {file}: cannot be read ({exception.Message}).");
            return ExitCodes.InvalidInput;
        }

        List<CampaignRecord> records;
        try
        {
            records = CampaignFileReader.Read(file, content);
        }
        catch (InvalidDataException exception)
        {
            error.WriteLine($"import: {name}: {exception.Message}");
            return ExitCodes.InvalidInput;
        }

        var invalid = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records)
        {
            var campaign = CampaignRecordValidator.Validate(record, out var problems);
            if (campaign is not null && seen.TryGetValue(campaign.Id, out var first))
            {
                problems.Add($"'id' {campaign.Id} repeats the id of {first}");
                campaign = null;
            }

            if (campaign is null)
            {
                invalid.Add($"{name}: {record.Where}: {string.Join("; ", problems)}");
                continue;
            }

            seen[campaign.Id] = record.Where;
            campaigns.Add(campaign);
        }

        foreach (var line in invalid.Take(MaximumReportedErrors))
        {
            error.WriteLine(line);
        }

        if (invalid.Count > MaximumReportedErrors)
        {
            error.WriteLine($"{name}: … and {invalid.Count - MaximumReportedErrors} more invalid rows.");
        }

        if (invalid.Count > 0 && !skipInvalid)
        {
            error.WriteLine($"import: {invalid.Count} of {records.Count} rows are invalid; nothing was imported. Fix them, or pass --skip-invalid to import the {campaigns.Count} valid rows.");
            return ExitCodes.InvalidInput;
        }

        skipped = invalid.Count;
        return ExitCodes.Success;
    }
}
