using System.Text.Json;
using System.Text.RegularExpressions;
using CampaignMcp.LocalHost;

namespace CampaignMcp.Functional.Tests.Deployment;

/// <summary>
/// infra/entra-app-roles.json is what the documented <c>az ad app create --app-roles</c> command gives the app
/// registration: its roles must be the ones the documented <c>MCP_OIDC_ROLE_SCOPES</c> maps, in the shape Microsoft
/// Graph takes (https://learn.microsoft.com/graph/api/resources/approle; the CLI adds each role's <c>id</c>).
/// </summary>
public sealed partial class EntraAppRolesTests
{
    private static readonly string Root = LocalSettingsFile.FindRepositoryRoot(AppContext.BaseDirectory)!;

    [Fact]
    public void The_app_roles_file_holds_every_role_the_documented_mapping_names_and_nothing_else()
    {
        var operations = File.ReadAllText(Path.Combine(Root, "docs", "operations.md"));
        var mapping = RoleScopesExample().Matches(operations).Select(match => match.Groups[1].Value).Distinct().Single();
        var documented = mapping.Split(';').Select(pair => pair.Split('=')[0]).ToHashSet(StringComparer.Ordinal);

        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra", "entra-app-roles.json")));
        var roles = file.RootElement.EnumerateArray().ToArray();

        Assert.Equal(documented.Order(), roles.Select(role => role.GetProperty("value").GetString()!).Order());
        Assert.Contains("Sessions.Admin=sessions:admin", mapping, StringComparison.Ordinal);
        Assert.All(roles, role =>
        {
            Assert.Equal(["User"], role.GetProperty("allowedMemberTypes").EnumerateArray().Select(type => type.GetString()));
            Assert.False(string.IsNullOrWhiteSpace(role.GetProperty("displayName").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(role.GetProperty("description").GetString()));
            Assert.True(role.GetProperty("isEnabled").GetBoolean());
        });
        Assert.Contains("--app-roles @infra/entra-app-roles.json", operations, StringComparison.Ordinal);
    }

    [GeneratedRegex("MCP_OIDC_ROLE_SCOPES=([A-Za-z.]+=[a-z:,]+(?:;[A-Za-z.]+=[a-z:,]+)*)")]
    private static partial Regex RoleScopesExample();
}
