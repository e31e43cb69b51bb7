using System.Security.Cryptography;
using System.Text.Json;
using CampaignMcp.Configuration;
using CampaignMcp.Http;
using CampaignMcp.Tokens;

namespace CampaignMcp.Cli.Commands;

/// <summary>
/// <c>campaign-mcp secrets</c>: the successor of the original's <c>generate-production-secrets.js</c>.
/// Fresh values from the OS's cryptographic RNG, printed in one of four shapes; only the values go to
/// stdout (so the output can be redirected into a file), advice goes to stderr.
/// </summary>
public static class SecretsCommand
{
    public const string Usage = """
        campaign-mcp secrets [--format dotenv|local-settings|az|azd] [--name <function-app>] [--resource-group <group>]

          Prints production settings with a new 128-bit API_KEY and a 256-bit MCP_JWT_SECRET.
            dotenv          NAME=value lines (default)
            local-settings  a complete src/Functions/local.settings.json
            az              one 'az functionapp config appsettings set' command
            azd             'azd env set' lines for 'azd up'
        """;

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var format = "dotenv";
        string? appName = null;
        string? resourceGroup = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--format" or "-f" when value is not null:
                    format = value;
                    i++;
                    break;
                case "--name" or "-n" when value is not null:
                    appName = value;
                    i++;
                    break;
                case "--resource-group" or "-g" when value is not null:
                    resourceGroup = value;
                    i++;
                    break;
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return ExitCodes.Success;
                default:
                    error.WriteLine($"secrets: unexpected argument '{args[i]}'{(value is null && args[i].StartsWith("--", StringComparison.Ordinal) ? " (it needs a value)" : "")}. Usage:");
                    error.WriteLine(Usage);
                    return ExitCodes.Usage;
            }
        }

        var settings = Generate();
        switch (format)
        {
            case "dotenv":
                foreach (var (name, value) in settings)
                {
                    output.WriteLine($"{name}={value}");
                }

                break;
            case "local-settings":
                output.WriteLine(LocalSettings(settings));
                break;
            case "az":
                var pairs = string.Join(" ", settings.Select(setting => Quote($"{setting.Name}={setting.Value}")));
                output.WriteLine($"az functionapp config appsettings set --name {Quote(appName ?? "<function-app>")} --resource-group {Quote(resourceGroup ?? "<resource-group>")} --settings {pairs}");
                break;
            case "azd":
                foreach (var (name, value) in settings)
                {
                    output.WriteLine($"azd env set {name} {Quote(value)}");
                }

                break;
            default:
                error.WriteLine($"secrets: unknown format '{format}'; use dotenv, local-settings, az or azd.");
                return ExitCodes.Usage;
        }

        error.WriteLine("These values are secrets: keep them out of source control and chat logs. In Azure, store API_KEY and MCP_JWT_SECRET in Key Vault references, not plain app settings.");
        return ExitCodes.Success;
    }

    /// <summary>Every setting of the original server, with new secrets and the production defaults.</summary>
    public static IReadOnlyList<(string Name, string Value)> Generate() =>
    [
        (SettingNames.NodeEnv, "production"),
        (SettingNames.ApiKey, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
        (SettingNames.JwtSecret, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))),
        (SettingNames.AuthEnabled, "true"),
        (SettingNames.TokenExpiry, "24h"),
        (SettingNames.AllowedClients, string.Join(",", TokenSettings.DefaultAllowedClients)),
        (SettingNames.CorsOrigin, string.Join(",", CorsSettings.DefaultOrigins)),
    ];

    private static string LocalSettings(IReadOnlyList<(string Name, string Value)> settings)
    {
        var values = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
        };
        foreach (var (name, value) in settings)
        {
            values[name] = value;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("IsEncrypted", false);
            writer.WriteStartObject("Values");
            foreach (var (name, value) in values)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>POSIX single-quoting: safe for any value in bash and zsh.</summary>
    private static string Quote(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '=' or '-' or '_' or '.' or ',' or ':' or '/')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

}
