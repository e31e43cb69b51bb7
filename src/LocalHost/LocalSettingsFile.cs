using System.Text.Json;

namespace CampaignMcp.LocalHost;

/// <summary>
/// The <c>Values</c> of <c>src/Functions/local.settings.json</c>, which Core Tools would put in the
/// environment; read here so that <c>func start</c> and the local host see the same settings.
/// </summary>
public static class LocalSettingsFile
{
    public static IReadOnlyDictionary<string, string?> ReadValues(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, string?>();
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
            {
                return new Dictionary<string, string?>();
            }

            return values.EnumerateObject().ToDictionary(
                property => property.Name,
                property => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText());
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {exception.Message}", exception);
        }
    }

    /// <summary>The repository root (the folder holding Serverless.sln) above <paramref name="start"/>, if any.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
