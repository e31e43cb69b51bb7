using CampaignMcp.Cli.Commands;
using Microsoft.Extensions.Configuration;

namespace CampaignMcp.Cli;

/// <summary>The repository's command-line tool; every command writes results to stdout and messages to stderr.</summary>
public static class CliApplication
{
    public const string Usage = """
        Usage: campaign-mcp <command> [options]

        Commands:
          secrets    print production settings with newly generated API_KEY and MCP_JWT_SECRET
          import     load campaigns from an export (CSV or JSON) into Table Storage

        Run 'campaign-mcp <command> --help' for a command's options.
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error).GetAwaiter().GetResult();

    /// <param name="environment">Settings as the app reads them; the process environment when null.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, IConfiguration? environment = null, CancellationToken cancellationToken = default)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            (args.Count == 0 ? error : output).WriteLine(Usage);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        return args[0] switch
        {
            "secrets" => SecretsCommand.Run(args.Skip(1).ToArray(), output, error),
            "import" => await ImportCommand.RunAsync(args.Skip(1).ToArray(), output, error, environment ?? new ConfigurationBuilder().AddEnvironmentVariables().Build(), cancellationToken).ConfigureAwait(false),
            _ => Unknown(args[0], error),
        };
    }

    private static int Unknown(string command, TextWriter error)
    {
        error.WriteLine($"campaign-mcp: unknown command '{command}'.");
        error.WriteLine(Usage);
        return ExitCodes.Usage;
    }
}
