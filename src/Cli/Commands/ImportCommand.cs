using System.Diagnostics;
using System.Globalization;
using System.Text;
using CampaignMcp.Campaigns;
using CampaignMcp.Cli.Import;
using CampaignMcp.Configuration;
using CampaignMcp.Storage;
using CampaignMcp.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CampaignMcp.Cli.Commands;

/// <summary>
/// <c>campaign-mcp import</c>: loads campaigns into the Table Storage campaign table. Every row is validated
/// before anything is written (a first pass over the file, a second loads it in batches); rows are upserted by id (a re-run updates, never duplicates), 100 per
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

        CampaignFileCheck? check = null;
        if (file is not null)
        {
            var read = CheckFile(file, skipInvalid, error, out check);
            if (read != ExitCodes.Success)
            {
                return read;
            }
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
        var writer = new TableCampaignWriter(storage);
        var progress = new ImportProgress(error, check?.Valid ?? SampleCampaigns.DefaultCount);
        var clock = Stopwatch.StartNew();
        try
        {
            var written = check is null
                ? await writer.UpsertAsync(SampleCampaigns.Generate(), progress.Report, Parallelism, cancellationToken).ConfigureAwait(false)
                : await LoadAsync(file!, check, writer, progress, cancellationToken).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Imported {written} campaigns into table {storage.Names.Campaigns} at {storage.EndpointHost} in {clock.Elapsed.TotalSeconds:0.0} s{(check?.Invalid > 0 ? $"; skipped {check.Invalid} invalid rows" : "")}."));
            return ExitCodes.Success;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or DecoderFallbackException)
        {
            // The file changed or vanished between the check and the load.
            error.WriteLine($"import: {Path.GetFileName(file)}: {exception.Message}. Some rows may have been written; re-run the command on a file that does not change meanwhile.");
            return ExitCodes.InvalidInput;
        }
        catch (StorageUnavailableException exception)
        {
            error.WriteLine($"import: {exception.Message}. Some rows may have been written; re-run the same command once storage answers (rows are upserted by id, never duplicated).");
            return ExitCodes.StorageUnavailable;
        }
    }

    /// <summary>
    /// The load: the file read again and handed to the writer one batch at a time (memory holds a batch, not the
    /// file, whose size has no bound), then once more for the one snapshot it publishes.
    /// </summary>
    private static Task<int> LoadAsync(string file, CampaignFileCheck check, TableCampaignWriter writer, ImportProgress progress, CancellationToken cancellationToken) =>
        writer.UpsertAsync(() => Admitted(file, check), progress.Report, Parallelism, cancellationToken);

    private static IEnumerable<Campaign> Admitted(string file, CampaignFileCheck check)
    {
        foreach (var record in CampaignFileReader.Read(file))
        {
            if (check.ShouldLoad(record) is { } campaign)
            {
                yield return campaign;
            }
        }
    }

    private static int CheckFile(string file, bool skipInvalid, TextWriter error, out CampaignFileCheck? check)
    {
        check = null;
        var name = Path.GetFileName(file);
        if (!CampaignFileReader.Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
        {
            error.WriteLine($"import: {name}: the file must end in .csv or .json (the formats export_campaigns writes).");
            return ExitCodes.Usage;
        }

        try
        {
            check = CampaignFileCheck.Run(file);
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
        catch (InvalidDataException exception)
        {
            error.WriteLine($"import: {name}: {exception.Message}");
            return ExitCodes.InvalidInput;
        }

        foreach (var line in check.Reported)
        {
            error.WriteLine(line);
        }

        if (check.Invalid > check.Reported.Count)
        {
            error.WriteLine($"{name}: … and {check.Invalid - check.Reported.Count} more invalid rows.");
        }

        if (check.Invalid > 0 && !skipInvalid)
        {
            error.WriteLine($"import: {check.Invalid} of {check.Rows} rows are invalid; nothing was imported. Fix them, or pass --skip-invalid to import the {check.Valid} valid rows.");
            return ExitCodes.InvalidInput;
        }

        return ExitCodes.Success;
    }
}
